// What the tests send that the app must never keep: the tests' user agent (Chromium's, with a
// marker appended) and the addresses requests come from or claim to come from. tests/leaks looks
// for all of them in every table and in the servers' logs after the whole suite has run.

export const testUserAgent =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36 PrijaviTestAgent/1.0";

/** Documentation-range addresses (RFC 5737) the tests put into X-Forwarded-For. */
export const forwardedTestAddress = (n: number) => `203.0.113.${n}`;

export const canaries = [
  "127.0.0.1",
  "::ffff:127.",
  "203.0.113.",
  "PrijaviTestAgent",
  "HeadlessChrome",
];
