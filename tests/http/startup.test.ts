import { once } from "node:events";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { spawnNextServer } from "../support/next-server";

// A server that cannot protect what it would store must not run at all: next start exits with
// code 1 and says which setting is wrong (never a secret's value), instead of serving 500s.

describe("start-up with a setting that cannot be right", () => {
  it.each([
    [
      "a short APP_SECRET",
      { APP_SECRET: "too-short" },
      "APP_SECRET is missing or shorter than 32 characters",
    ],
    [
      "no session secret",
      { SESSION_SECRET: "" },
      "SESSION_SECRET is missing or shorter than 32 characters",
    ],
    [
      "a data key of the wrong size",
      { DATA_ENCRYPTION_KEY: "k1:c2hvcnQ=" },
      "DATA_ENCRYPTION_KEY must hold a 32-byte key",
    ],
    [
      "a mistyped rate limit",
      { RATE_LIMIT_SUBMISSIONS_PER_HOUR: "lots" },
      "RATE_LIMIT_SUBMISSIONS_PER_HOUR must be a whole number",
    ],
  ])("refuses to run with %s", async (_label, env, message) => {
    const { child, logFile } = await spawnNextServer(`http-startup-${Object.keys(env)[0]}`, env);
    const [code] = (await Promise.race([
      once(child, "exit"),
      new Promise((resolve) => setTimeout(() => resolve(["timeout"]), 30_000)),
    ])) as [unknown];
    if (code === "timeout") child.kill("SIGKILL");
    expect(code).toBe(1);
    const output = readFileSync(logFile, "utf8");
    expect(output).toContain('"event":"startup.refused"');
    expect(output).toContain(message);
    expect(output).not.toContain("too-short");
  });
});
