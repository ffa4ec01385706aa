// Runs once when the server starts: a server with missing or malformed secrets or settings must
// refuse to start rather than take a report it cannot protect. It exits, so a supervisor (Docker,
// systemd) sees the failure at once instead of a server answering every request with a 500.
// Nothing here touches the database: the help pages must be served even while PostgreSQL is down.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Every line the server writes is JSON and quotes no input (lib/framework-log.ts). Only in
  // production: the development server's own output is for the developer at the keyboard.
  if (process.env.NODE_ENV === "production") {
    const { routeConsoleToJson } = await import("@/lib/framework-log");
    const { requestIdOf } = await import("@/lib/http/request-context");
    // Next.js's own request store (not a public API) names the request being handled; should a
    // later version move it, lines lose their request id, never the server its start.
    const storage =
      await import("next/dist/server/app-render/work-unit-async-storage.external").catch(
        () => null,
      );
    routeConsoleToJson(() => {
      const store = storage?.workUnitAsyncStorage.getStore();
      return store?.type === "request"
        ? requestIdOf(store.headers as unknown as Headers)
        : undefined;
    });
  }
  const { assertSecrets, ConfigurationError } = await import("@/lib/crypto/secrets");
  const { assertConfiguration } = await import("@/lib/config");
  const { log } = await import("@/lib/log");
  try {
    assertSecrets();
    assertConfiguration();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    // The message names the setting and what is wrong with it, never a secret's value.
    log.error("startup.refused", { reason: error.message });
    process.exit(1);
  }
  // Hourly retention, at most one run at a time across all processes (an advisory lock).
  const { scheduleRetention } = await import("@/lib/retention/run-retention");
  scheduleRetention();
  // Deadline reminders and escalations every five minutes, each notice once (lib/deadlines).
  const { scheduleDeadlines } = await import("@/lib/deadlines/run-deadlines");
  scheduleDeadlines();
  // The e-mail outbox: notices written with the changes they announce are sent from here.
  if (process.env.OUTBOX_WORKER !== "off") {
    const { startOutboxWorker } = await import("@/lib/mail/outbox");
    startOutboxWorker();
  }
}

/**
 * Next.js calls this for every error a request ends with (a render, a route handler, an action):
 * one JSON line with the request id, the route's pattern (never the path, which can carry input)
 * and the error's name, code and digest; never its message or stack.
 */
export async function onRequestError(
  error: unknown,
  request: Readonly<{ headers: NodeJS.Dict<string | string[]> }>,
  context: Readonly<{ routePath: string; routeType: string }>,
) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { describeConsoleArguments } = await import("@/lib/framework-log");
  const { log } = await import("@/lib/log");
  const id = request.headers["x-request-id"];
  log.error("request.failed", {
    ...describeConsoleArguments([error]),
    requestId: typeof id === "string" && /^[0-9a-f-]{36}$/.test(id) ? id : undefined,
    routeType: context.routeType,
    route: /^[\w/[\]().@-]{1,200}$/.test(context.routePath) ? context.routePath : undefined,
  });
}
