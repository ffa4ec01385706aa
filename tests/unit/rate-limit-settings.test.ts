import { afterEach, describe, expect, it } from "vitest";
import { assertConfiguration, rateLimits, retention, trustedProxyCount } from "@/lib/config";
import { ConfigurationError } from "@/lib/crypto/secrets";

// The limits' settings; the limiter itself is tested on PostgreSQL (tests/integration/rate-limit.test.ts).

describe("settings", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("have safe defaults", () => {
    for (const name of [
      "RATE_LIMIT_SUBMISSIONS_PER_HOUR",
      "RATE_LIMIT_STORED_KB_PER_HOUR",
      "RATE_LIMIT_WRONG_RECEIPT_DELAY_MS",
      "RETENTION_CLOSED_DAYS",
      "RETENTION_SPAM_DAYS",
      "TRUST_PROXY",
    ]) {
      delete process.env[name];
    }
    expect(rateLimits.submissionsPerHour()).toBe(20);
    expect(rateLimits.storedKilobytesPerHour()).toBe(20_480);
    expect(rateLimits.wrongReceiptDelayMs()).toBe(1_000);
    expect(retention.closedDays()).toBe(180);
    expect(retention.spamDays()).toBe(30);
    expect(trustedProxyCount()).toBe(0);
  });

  it("refuse to start on a mistyped value rather than guess", () => {
    for (const [name, value] of [
      ["RATE_LIMIT_SUBMISSIONS_PER_HOUR", "0"],
      ["RATE_LIMIT_STORED_KB_PER_HOUR", "lots"],
      ["RATE_LIMIT_FOLLOW_UP_PER_CODE_PER_HOUR", "0"],
      ["RATE_LIMIT_WRONG_RECEIPT_DELAY_MS", "-1"],
      ["RETENTION_CLOSED_DAYS", "-5"],
      ["RETENTION_SPAM_DAYS", "1.5"],
      ["TRUST_PROXY", "yes please"],
    ]) {
      process.env = { ...saved, [name!]: value };
      expect(() => assertConfiguration(), `${name}=${value}`).toThrow(ConfigurationError);
    }
    process.env = { ...saved, TRUST_PROXY: "true", RETENTION_SPAM_DAYS: "7" };
    expect(() => assertConfiguration()).not.toThrow();
    expect(trustedProxyCount()).toBe(1);
    expect(retention.spamDays()).toBe(7);
  });
});
