import { afterEach, describe, expect, it } from "vitest";
import { assertConfiguration, rateLimits, retention, trustedProxyCount } from "@/lib/config";
import { ConfigurationError } from "@/lib/crypto/secrets";
import { RateLimiter, type RateLimitKey } from "@/lib/security/rate-limit";

const hour = 60 * 60 * 1000;

function limiterAt(start = Date.UTC(2026, 10, 23, 10, 0, 0)) {
  const clock = { now: start };
  return { clock, limiter: new RateLimiter(() => clock.now) };
}

const key = (id: string, perHour = 3): RateLimitKey => ({ scope: "test:address", id, perHour });

/** Every string reachable from an object, to check what a limiter keeps in memory. */
function stringsIn(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === "string") return [value];
  if (typeof value !== "object" || value === null || seen.has(value)) return [];
  seen.add(value);
  const entries = value instanceof Map ? [...value.entries()].flat() : Object.values(value);
  return entries.flatMap((entry) => stringsIn(entry, seen));
}

describe("rate limiter", () => {
  it("lets perHour calls through, then refuses with the wait until the next token", () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 3; i++) expect(limiter.take([key("203.0.113.7")])).toEqual({ allowed: true });
    expect(limiter.take([key("203.0.113.7")])).toEqual({ allowed: false, retryAfterSeconds: 1200 });
    // Someone else is not affected.
    expect(limiter.take([key("198.51.100.1")]).allowed).toBe(true);
  });

  it("takes a call's cost from a budget (megabytes of files), and never asks more than the whole budget", () => {
    const { clock, limiter } = limiterAt();
    const budget = (cost: number): RateLimitKey => ({ scope: "test:upload", id: "", perHour: 100, cost });
    expect(limiter.take([budget(60)])).toEqual({ allowed: true });
    expect(limiter.take([budget(30)])).toEqual({ allowed: true });
    // 10 left: 25 waits until 15 more have refilled (15/100 of an hour = 9 minutes).
    expect(limiter.take([budget(25)])).toEqual({ allowed: false, retryAfterSeconds: 9 * 60 });
    expect(limiter.take([budget(10)])).toEqual({ allowed: true });
    clock.now += hour;
    // A cost over the budget is capped at the budget: a full hour lets one such call through.
    expect(limiter.take([budget(500)])).toEqual({ allowed: true });
    expect(limiter.take([budget(1)]).allowed).toBe(false);
  });

  it("refills evenly over the hour", () => {
    const { clock, limiter } = limiterAt();
    for (let i = 0; i < 3; i++) limiter.take([key("a")]);
    clock.now += 19 * 60 * 1000;
    expect(limiter.take([key("a")]).allowed).toBe(false);
    clock.now += 60 * 1000;
    expect(limiter.take([key("a")]).allowed).toBe(true);
    expect(limiter.take([key("a")]).allowed).toBe(false);
  });

  it("takes from every bucket or from none", () => {
    const { limiter } = limiterAt();
    const global = { scope: "test:global", id: "", perHour: 10 };
    for (let i = 0; i < 3; i++) expect(limiter.take([global, key("a")]).allowed).toBe(true);
    // "a" is empty: the call is refused and the global bucket keeps its tokens.
    for (let i = 0; i < 5; i++) expect(limiter.take([global, key("a")]).allowed).toBe(false);
    for (let i = 0; i < 7; i++) expect(limiter.take([global, key(`b${i}`)]).allowed).toBe(true);
    expect(limiter.take([global, key("c")])).toMatchObject({ allowed: false });
  });

  it("applies a raised limit at once", () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 3; i++) limiter.take([key("a", 3)]);
    expect(limiter.take([key("a", 3)]).allowed).toBe(false);
    for (let i = 0; i < 2; i++) expect(limiter.take([key("a", 5)]).allowed).toBe(true);
    expect(limiter.take([key("a", 5)]).allowed).toBe(false);
  });

  it("keeps counting across the hourly change of secret", () => {
    const { clock, limiter } = limiterAt(Date.UTC(2026, 10, 23, 10, 59, 0));
    for (let i = 0; i < 3; i++) limiter.take([key("a")]);
    clock.now += 2 * 60 * 1000; // 11:01, a new secret
    expect(limiter.take([key("a")]).allowed).toBe(false);
    clock.now += 60 * 60 * 1000; // 12:01: a full hour later the bucket is full again
    for (let i = 0; i < 3; i++) expect(limiter.take([key("a")]).allowed).toBe(true);
  });

  it("forgets a bucket untouched for an hour, and creates none for a refused call", () => {
    const { clock, limiter } = limiterAt();
    const global = { scope: "test:global", id: "", perHour: 1 };
    limiter.take([global, key("a")]);
    expect(limiter.size).toBe(2);
    for (let i = 0; i < 50; i++) limiter.take([global, key(`flood${i}`)]);
    expect(limiter.size).toBe(2);
    clock.now += 2 * hour;
    limiter.take([key("b")]);
    expect(limiter.size).toBe(1);
  });

  it("holds no address, only keyed hashes of it", () => {
    const { limiter } = limiterAt();
    limiter.take([key("203.0.113.7"), key("2001:db8:1:2::/64")]);
    const held = stringsIn(limiter).join("\n");
    expect(held).not.toContain("203.0.113");
    expect(held).not.toContain("2001:db8");
  });

  it("uses a different secret in another process (instance)", () => {
    const a = limiterAt().limiter;
    const b = limiterAt().limiter;
    a.take([key("203.0.113.7")]);
    b.take([key("203.0.113.7")]);
    const idsOf = (limiter: RateLimiter) => stringsIn(limiter).filter((s) => s.length === 22);
    expect(idsOf(a)).toHaveLength(1);
    expect(idsOf(a)).not.toEqual(idsOf(b));
  });
});

describe("settings", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("have safe defaults", () => {
    for (const name of ["RATE_LIMIT_SUBMISSIONS_PER_HOUR", "RATE_LIMIT_GLOBAL_SUBMISSIONS_PER_HOUR", "RETENTION_CLOSED_DAYS", "RETENTION_SPAM_DAYS", "TRUST_PROXY"]) {
      delete process.env[name];
    }
    expect(rateLimits.submissionsPerHour()).toBe(20);
    expect(rateLimits.globalSubmissionsPerHour()).toBe(600);
    expect(retention.closedDays()).toBe(180);
    expect(retention.spamDays()).toBe(30);
    expect(trustedProxyCount()).toBe(0);
  });

  it("refuse to start on a mistyped value rather than guess", () => {
    for (const [name, value] of [
      ["RATE_LIMIT_SUBMISSIONS_PER_HOUR", "0"],
      ["RATE_LIMIT_GLOBAL_SUBMISSIONS_PER_HOUR", "lots"],
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
