// Stands in for next/headers in integration tests of the reporter's actions: the request carries
// no headers but a client address when a test gives one (as behind a trusted proxy), and the
// follow-up session cookie lives in a jar the actions read and write, as a browser's would.
// Use: vi.mock("next/headers", () => import("../support/reporter-request"));

let sessionCookie: string | undefined;
let forwardedFor: string | undefined;

/** A new visitor: no session cookie, no client address. */
export function newVisitor(): void {
  sessionCookie = undefined;
  forwardedFor = undefined;
}

/** Sets (or with undefined, clears) the session cookie the next request carries. */
export function holdSessionCookie(value: string | undefined): void {
  sessionCookie = value;
}

/** The session cookie as the last action left it. */
export const heldSessionCookie = (): string | undefined => sessionCookie;

/** The client address the next requests come from (seen only behind a trusted proxy). */
export function comeFrom(address: string | undefined): void {
  forwardedFor = address;
}

export async function headers(): Promise<Headers> {
  return new Headers(forwardedFor ? { "x-forwarded-for": forwardedFor } : {});
}

export async function cookies() {
  return {
    get: () => (sessionCookie ? { value: sessionCookie } : undefined),
    set: (_name: string, value: string) => {
      sessionCookie = value;
    },
    delete: () => {
      sessionCookie = undefined;
    },
    toString: () => "",
  };
}
