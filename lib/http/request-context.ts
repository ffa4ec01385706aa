import "server-only";
import { headers } from "next/headers";

const requestIdPattern = /^[0-9a-f-]{36}$/;

/** The incoming request's headers, or null outside a request (a script or test calling code directly). */
export async function incomingHeaders(): Promise<Headers | null> {
  try {
    return await headers();
  } catch {
    return null;
  }
}

/** The id proxy.ts gives every request (a random UUID, never taken from the client), for log lines. */
export function requestIdOf(requestHeaders: Headers | null): string | undefined {
  const id = requestHeaders?.get("x-request-id");
  return id && requestIdPattern.test(id) ? id : undefined;
}
