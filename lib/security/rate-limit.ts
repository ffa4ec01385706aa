import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { db, type Db } from "@/lib/db";

// Rate limits that remember no one, shared by every instance of the app through PostgreSQL, so
// that two instances enforce one limit and a restart resets none.
//
// Each bucket is found by an HMAC of what it counts (a client address, a form's one-time id, a
// receipt) under a random secret that belongs to one hour. The first instance to need a secret
// for the hour draws it and stores it (RateLimitSecret); the others read the same one. Secrets and
// buckets older than the previous hour are deleted, and with them any way to tell what a bucket
// counted. What is counted is never stored, logged or kept anywhere else.
//
// The trade-off, written down: the secret must be shared, so it sits in the database for up to
// two hours. Someone holding a dump of the database taken within that time (with the secret in
// it) can test guessed addresses against the buckets of those two hours (all of IPv4 is only 2^32
// guesses) and learn that an address sent something then; not what, and nothing older. A secret
// derived from APP_SECRET would be worse (every hour ever, recomputable forever); a per-process
// secret, as before, cannot be shared. Rows hold only the HMAC, token counts and a time.
//
// Each bucket is a token bucket: `perHour` tokens, refilled evenly over an hour. A bucket left
// alone for an hour is full again, so forgetting it loses nothing. Across the change of hour a
// bucket is read through the previous secret and written under the current one, so counting goes
// on; the previous hour's row is left for the clean-up.
//
// Atomicity: one transaction per call takes every bucket named with row locks, in a fixed order
// (no deadlock between calls naming the same buckets), and writes all of them or none. Concurrent
// calls in any number of processes queue on the row and never take more than there is.

export type RateLimitKey = {
  /** What is counted, e.g. "submitReport:address"; part of the HMAC input, never stored alone. */
  scope: string;
  id: string;
  perHour: number;
  /** Tokens this call takes (default 1): e.g. kilobytes, for a budget of bytes. At most perHour. */
  cost?: number;
};

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type Secrets = { hour: number; current: Buffer; previous: Buffer | null };
type Entry = { id: string; previousId: string; capacity: number; cost: number };
type Row = { id: string; tokens: number; capacity: number; updatedMs: number };

const hourMs = 60 * 60 * 1000;

/** Thrown inside the transaction to roll it back: a refused call writes nothing, not even a new bucket. */
class Refused extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("refused");
  }
}

export class RateLimiter {
  private secrets: Promise<Secrets> | null = null;
  private secretsHour = Number.NaN;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly client: Db = db,
  ) {}

  /**
   * Takes a token (or `cost` tokens) from every bucket named, or from none when any of them is
   * short. A refused call creates no bucket, so refused callers cannot grow the table. Throws when
   * the database does (the caller fails as it would without a database).
   */
  async take(keys: readonly RateLimitKey[]): Promise<RateLimitResult> {
    if (keys.length === 0) return { allowed: true };
    const now = this.now();
    const { hour, current, previous } = await this.secretsFor(now);
    const byId = new Map<string, Entry>();
    for (const key of keys) {
      const id = bucketId(current, key);
      const capacity = Math.max(1, Math.floor(key.perHour));
      const cost = Math.min(capacity, Math.max(1, Math.ceil(key.cost ?? 1)));
      const same = byId.get(id);
      if (same) same.cost = Math.min(capacity, same.cost + cost);
      else
        byId.set(id, { id, previousId: previous ? bucketId(previous, key) : "", capacity, cost });
    }
    const entries = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const ids = entries.map((entry) => entry.id);
    try {
      await this.client.$transaction(
        async (tx) => {
          // New buckets start full, or where the same thing's bucket of the previous hour left off.
          await tx.$executeRaw`
          INSERT INTO "RateLimitBucket" ("id", "hour", "tokens", "capacity", "updatedMs")
          SELECT k.id, ${hour}, COALESCE(p."tokens", k.capacity), COALESCE(p."capacity", k.capacity), COALESCE(p."updatedMs", ${now}::float8)
          FROM unnest(${ids}::text[], ${entries.map((e) => e.previousId)}::text[], ${entries.map((e) => e.capacity)}::float8[]) AS k(id, previous_id, capacity)
          LEFT JOIN "RateLimitBucket" p ON p."id" = k.previous_id
          ORDER BY k.id
          ON CONFLICT ("id") DO NOTHING`;
          const rows = await tx.$queryRaw<Row[]>`
          SELECT "id", "tokens", "capacity", "updatedMs" FROM "RateLimitBucket" WHERE "id" = ANY(${ids}::text[]) ORDER BY "id" FOR UPDATE`;
          const found = new Map(rows.map((row) => [row.id, row]));
          const next = entries.map((entry) => {
            const row = found.get(entry.id);
            if (!row) throw new Error("rate-limit bucket vanished inside its transaction");
            // A limit raised while the app runs takes effect at once: the extra tokens are added.
            const raised = Math.max(0, entry.capacity - row.capacity);
            const refill = (Math.max(0, now - row.updatedMs) * entry.capacity) / hourMs;
            const tokens = Math.min(entry.capacity, row.tokens + raised + refill);
            return { entry, tokens };
          });
          const short = next.filter(({ entry, tokens }) => tokens < entry.cost);
          if (short.length > 0) {
            const waitMs = Math.max(
              ...short.map(
                ({ entry, tokens }) => ((entry.cost - tokens) * hourMs) / entry.capacity,
              ),
            );
            throw new Refused(Math.ceil(waitMs / 1000));
          }
          await tx.$executeRaw`
          UPDATE "RateLimitBucket" AS b SET "tokens" = n.tokens, "capacity" = n.capacity, "updatedMs" = ${now}::float8, "hour" = ${hour}
          FROM unnest(${ids}::text[], ${next.map((n) => n.tokens - n.entry.cost)}::float8[], ${next.map((n) => n.entry.capacity)}::float8[]) AS n(id, tokens, capacity)
          WHERE b."id" = n.id`;
        },
        { maxWait: 5_000, timeout: 10_000 },
      );
    } catch (error) {
      if (error instanceof Refused)
        return { allowed: false, retryAfterSeconds: error.retryAfterSeconds };
      throw error;
    }
    return { allowed: true };
  }

  /** This hour's secret (drawn by whichever instance asks first) and the previous hour's, if any. */
  private secretsFor(now: number): Promise<Secrets> {
    const hour = Math.floor(now / hourMs);
    if (this.secrets && this.secretsHour === hour) return this.secrets;
    this.secretsHour = hour;
    this.secrets = this.loadSecrets(hour);
    // A failed load (the database was down) is asked again on the next call, not remembered.
    this.secrets.catch(() => {
      if (this.secretsHour === hour) this.secretsHour = Number.NaN;
    });
    return this.secrets;
  }

  private async loadSecrets(hour: number): Promise<Secrets> {
    await this.client
      .$executeRaw`INSERT INTO "RateLimitSecret" ("hour", "secret") VALUES (${hour}, ${randomBytes(32)}) ON CONFLICT ("hour") DO NOTHING`;
    // Dropped once no bucket can be read through them any more: that is what unlinks the buckets.
    await this.client.$executeRaw`DELETE FROM "RateLimitSecret" WHERE "hour" < ${hour - 1}`;
    await this.client.$executeRaw`DELETE FROM "RateLimitBucket" WHERE "hour" < ${hour - 1}`;
    const rows = await this.client.$queryRaw<{ hour: number; secret: Uint8Array }[]>`
      SELECT "hour", "secret" FROM "RateLimitSecret" WHERE "hour" IN (${hour}, ${hour - 1})`;
    const of = (h: number) => {
      const row = rows.find((r) => Number(r.hour) === h);
      return row ? Buffer.from(row.secret) : null;
    };
    const current = of(hour);
    if (!current) throw new Error("rate-limit secret missing after insert");
    return { hour, current, previous: of(hour - 1) };
  }
}

function bucketId(secret: Buffer, key: RateLimitKey): string {
  // 128 bits are plenty to tell buckets apart.
  return createHmac("sha256", secret)
    .update(`${key.scope}\0${key.id}`, "utf8")
    .digest("base64url")
    .slice(0, 22);
}

/** The limiter every public action uses; its state is in the database, shared by all instances. */
export const rateLimiter = new RateLimiter();
