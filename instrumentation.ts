// Runs once when the server starts: a server with missing or malformed secrets or settings must
// refuse to start rather than take a report it cannot protect. It exits, so a supervisor (Docker,
// systemd) sees the failure at once instead of a server answering every request with a 500.
// Nothing here touches the database: the help pages must be served even while PostgreSQL is down.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
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
  // The e-mail outbox: notices written with the changes they announce are sent from here.
  if (process.env.OUTBOX_WORKER !== "off") {
    const { startOutboxWorker } = await import("@/lib/mail/outbox");
    startOutboxWorker();
  }
}
