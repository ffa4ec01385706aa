import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { RateLimiter, type RateLimitKey } from "@/lib/security/rate-limit";
import { resetDatabase, withPg } from "../support/database";

// The limiter on the real PostgreSQL, with a clock of its own. Each test starts from empty tables;
// several limiters stand for several app instances (or a restarted one) sharing the database.

const hour = 60 * 60 * 1000;
// Near the real time, so the clean-up of one limiter never deletes what another test holds.
const start = (Math.floor(Date.now() / hour) + 0.25) * hour;

function limiterAt(at = start) {
  const clock = { now: at };
  return { clock, limiter: new RateLimiter(() => clock.now) };
}

const key = (id: string, perHour = 3): RateLimitKey => ({ scope: "test:address", id, perHour });
const allowed = async (limiter: RateLimiter, keys: RateLimitKey[]) =>
  (await limiter.take(keys)).allowed;
const rows = () =>
  withPg(
    async (c) =>
      (await c.query('SELECT * FROM "RateLimitBucket"')).rows as Record<string, unknown>[],
  );
const secretHours = () =>
  withPg(async (c) =>
    (await c.query('SELECT hour FROM "RateLimitSecret" ORDER BY hour')).rows.map(
      (r) => r.hour as number,
    ),
  );

beforeEach(() => resetDatabase());
afterAll(() => db.$disconnect());

describe("rate limiter", () => {
  it("lets perHour calls through, then refuses with the wait until the next token", async () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 3; i++)
      expect(await limiter.take([key("203.0.113.7")])).toEqual({ allowed: true });
    expect(await limiter.take([key("203.0.113.7")])).toEqual({
      allowed: false,
      retryAfterSeconds: 1200,
    });
    // Someone else is not affected.
    expect(await allowed(limiter, [key("198.51.100.1")])).toBe(true);
  });

  it("takes a call's cost from a budget, and never asks more than the whole budget", async () => {
    const { clock, limiter } = limiterAt();
    const budget = (cost: number): RateLimitKey => ({
      scope: "test:upload",
      id: "",
      perHour: 100,
      cost,
    });
    expect(await allowed(limiter, [budget(60)])).toBe(true);
    expect(await allowed(limiter, [budget(30)])).toBe(true);
    // 10 left: 25 waits until 15 more have refilled (15/100 of an hour = 9 minutes).
    expect(await limiter.take([budget(25)])).toEqual({ allowed: false, retryAfterSeconds: 9 * 60 });
    expect(await allowed(limiter, [budget(10)])).toBe(true);
    clock.now += hour;
    expect(await allowed(limiter, [budget(500)])).toBe(true);
    expect(await allowed(limiter, [budget(1)])).toBe(false);
  });

  it("refills evenly over the hour", async () => {
    const { clock, limiter } = limiterAt();
    for (let i = 0; i < 3; i++) await limiter.take([key("a")]);
    clock.now += 19 * 60 * 1000;
    expect(await allowed(limiter, [key("a")])).toBe(false);
    clock.now += 60 * 1000;
    expect(await allowed(limiter, [key("a")])).toBe(true);
    expect(await allowed(limiter, [key("a")])).toBe(false);
  });

  it("takes from every bucket or from none", async () => {
    const { limiter } = limiterAt();
    const global = { scope: "test:global", id: "", perHour: 10 };
    for (let i = 0; i < 3; i++) expect(await allowed(limiter, [global, key("a")])).toBe(true);
    // "a" is empty: the call is refused and the global bucket keeps its tokens.
    for (let i = 0; i < 5; i++) expect(await allowed(limiter, [global, key("a")])).toBe(false);
    for (let i = 0; i < 7; i++) expect(await allowed(limiter, [global, key(`b${i}`)])).toBe(true);
    expect(await allowed(limiter, [global, key("c")])).toBe(false);
  });

  it("never lets concurrent calls from several instances take more than there is", async () => {
    const instances = [limiterAt().limiter, limiterAt().limiter, limiterAt().limiter];
    const global = { scope: "test:global", id: "", perHour: 25 };
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        instances[i % 3]!.take([global, key(`c${i % 7}`, 1000)]),
      ),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(25);
    // All or none under concurrency too: the per-client buckets lost exactly what was let through.
    const stored = await rows();
    const perClient = stored.filter((row) => Number(row.capacity) === 1000);
    const taken = perClient.reduce((sum, row) => sum + (1000 - Number(row.tokens)), 0);
    expect(Math.round(taken)).toBe(25);
  });

  it("is shared by instances and survives a restart: a new limiter sees the same buckets", async () => {
    const first = limiterAt().limiter;
    for (let i = 0; i < 3; i++) expect(await allowed(first, [key("203.0.113.9")])).toBe(true);
    const restarted = limiterAt().limiter;
    expect(await allowed(restarted, [key("203.0.113.9")])).toBe(false);
    expect(await secretHours()).toHaveLength(1);
  });

  it("applies a raised limit at once", async () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 3; i++) await limiter.take([key("a", 3)]);
    expect(await allowed(limiter, [key("a", 3)])).toBe(false);
    for (let i = 0; i < 2; i++) expect(await allowed(limiter, [key("a", 5)])).toBe(true);
    expect(await allowed(limiter, [key("a", 5)])).toBe(false);
  });

  it("keeps counting across the hourly change of secret, then drops old secrets and buckets", async () => {
    const top = Math.floor(start / hour) * hour;
    const { clock, limiter } = limiterAt(top + 59 * 60 * 1000);
    for (let i = 0; i < 3; i++) await limiter.take([key("a")]);
    clock.now += 2 * 60 * 1000; // a new hour, a new secret
    expect(await allowed(limiter, [key("a")])).toBe(false);
    const h = Math.floor(clock.now / hour);
    expect(await secretHours()).toEqual([h - 1, h]);
    clock.now += hour; // a full hour later the bucket is full again, and the oldest secret is gone
    for (let i = 0; i < 3; i++) expect(await allowed(limiter, [key("a")])).toBe(true);
    expect(await secretHours()).toEqual([h, h + 1]);
    expect((await rows()).every((row) => Number(row.hour) >= h)).toBe(true);
    clock.now += 2 * hour;
    await limiter.take([key("b")]);
    expect(await secretHours()).toEqual([h + 3]);
    expect(await rows()).toHaveLength(1);
  });

  it("creates no bucket for a refused call", async () => {
    const { limiter } = limiterAt();
    const global = { scope: "test:global", id: "", perHour: 1 };
    await limiter.take([global, key("a")]);
    for (let i = 0; i < 20; i++) await limiter.take([global, key(`flood${i}`)]);
    expect(await rows()).toHaveLength(2);
  });

  it("stores no address, only keyed hashes of it", async () => {
    const { limiter } = limiterAt();
    await limiter.take([key("203.0.113.7"), key("2001:db8:1:2::/64")]);
    const held = JSON.stringify(await rows());
    expect(held).not.toContain("203.0.113");
    expect(held).not.toContain("2001:db8");
    expect(held).not.toContain("test:address");
    expect((await rows()).map((row) => String(row.id).trim())).toEqual(
      expect.arrayContaining([expect.stringMatching(/^[\w-]{22}$/)]),
    );
  });
});
