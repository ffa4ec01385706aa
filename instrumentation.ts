// Runs once when the server starts: a server with missing or malformed secrets or settings must
// refuse to start rather than take a report it cannot protect. Nothing here touches the database:
// the help pages must be served even while PostgreSQL is down.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertSecrets } = await import("@/lib/crypto/secrets");
  const { assertConfiguration } = await import("@/lib/config");
  assertSecrets();
  assertConfiguration();
  // Hourly retention, at most one run at a time across all processes (an advisory lock).
  const { scheduleRetention } = await import("@/lib/retention/run-retention");
  scheduleRetention();
}
