import { defineConfig } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "./tests/support/browser";
import { testUserAgent } from "./tests/support/canaries";

const port = Number(process.env.E2E_PORT ?? 3107);
export const baseURL = `http://127.0.0.1:${port}`;

const nextStart = `node_modules/.bin/next start -p ${port} -H 127.0.0.1`;

// Debian's Chromium, never a downloaded browser (this project's machines cannot download one).
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  // The no-JavaScript flows sign staff in and out and post whole forms: over a minute on two shared cores.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL,
    // Chromium's own, with a marker tests/leaks searches the database and the logs for.
    userAgent: testUserAgent,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
  },
  webServer: {
    // Under scripts/test.mjs the server's output is also kept for tests/leaks.
    command: process.env.SERVER_LOG_DIR
      ? `node tests/support/serve-logged.mjs ${process.env.SERVER_LOG_DIR}/e2e.log ${nextStart}`
      : nextStart,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
