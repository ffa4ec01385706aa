// Runs once when the server starts: a server with missing or malformed secrets must refuse to
// start rather than take a report it cannot protect. Then the outbox worker starts sending.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertSecrets } = await import("@/lib/crypto/secrets");
  assertSecrets();
  if (process.env.OUTBOX_WORKER !== "off") {
    const { startOutboxWorker } = await import("@/lib/mail/outbox");
    startOutboxWorker();
  }
}
