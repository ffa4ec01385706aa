import "server-only";
import { log } from "@/lib/log";

// Next.js and the libraries under it write to the console: "⨯ Error: …" with a stack, Prisma's
// messages (which quote the values that failed), warnings with the action id a client sent. In
// production every console method is routed here instead, to one JSON line that keeps only what
// cannot carry input: the error's name, code and digest (the number the browser was shown), a
// fixed label for a few known framework messages, and the request id proxy.ts set. Message text
// and stacks are dropped, never logged: they can quote what a stranger posted.

type Fields = Record<string, string | number | boolean | null | undefined>;
type Level = "info" | "warn" | "error";

/** Framework messages worth telling apart, by how their fixed text begins. */
const knownMessages: [RegExp, string][] = [
  [/Failed to find Server Action/, "actionNotFound"],
  [/router state header/, "routerStateUnreadable"],
  [/Body exceeded/i, "bodyTooLarge"],
  [/BigInt is too large|Maximum array nesting/, "actionArgumentsRefused"],
  [/Connection closed/, "connectionClosed"],
];

const safeToken = /^[\w.:-]{1,64}$/;

/** What may be logged of console arguments: error names, codes, digests and known labels. */
export function describeConsoleArguments(args: unknown[]): Fields {
  const fields: Fields = {};
  for (const arg of args) {
    if (typeof arg === "string") {
      fields.note ??= knownMessages.find(([pattern]) => pattern.test(arg))?.[1];
    } else if (
      arg instanceof Error ||
      (typeof arg === "object" && arg !== null && "digest" in arg)
    ) {
      const error = arg as { name?: unknown; code?: unknown; digest?: unknown; message?: unknown };
      if (typeof error.name === "string" && safeToken.test(error.name))
        fields.errorName ??= error.name;
      if (
        (typeof error.code === "string" || typeof error.code === "number") &&
        safeToken.test(String(error.code))
      )
        fields.errorCode ??= String(error.code);
      if (typeof error.digest === "string" && safeToken.test(error.digest))
        fields.digest ??= error.digest;
      if (typeof error.message === "string")
        fields.note ??= knownMessages.find(([pattern]) =>
          pattern.test(error.message as string),
        )?.[1];
    }
  }
  return fields;
}

/**
 * Replaces the console's methods with JSON writers. `requestId` is asked at the moment of the
 * call, so a line written while a request is handled names it.
 */
export function routeConsoleToJson(requestId: () => string | undefined): void {
  const route =
    (level: Level, method: string) =>
    (...args: unknown[]) => {
      let id: string | undefined;
      try {
        id = requestId();
      } catch {
        id = undefined;
      }
      log[level](`console.${method}`, { ...describeConsoleArguments(args), requestId: id });
    };
  console.error = route("error", "error");
  console.warn = route("warn", "warn");
  console.trace = route("warn", "trace");
  console.log = route("info", "log");
  console.info = route("info", "info");
  console.debug = route("info", "debug");
}
