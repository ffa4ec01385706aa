// Runs once when the server starts: a server with missing or malformed secrets must refuse to
// start rather than take a report it cannot protect.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertSecrets } = await import("@/lib/crypto/secrets");
  assertSecrets();
}
