// Debian's Chromium, never a downloaded browser (this project's machines cannot download one),
// with the same switches wherever it is launched: Playwright's tests (playwright.config.ts), the
// HTTP tests (tests/support/browser.ts) and the benchmark (scripts/lib/bench-pages.mjs).
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
