import "server-only";
import { createHmac, randomBytes } from "node:crypto";

// Rate limits that remember no one. Each bucket is found by an HMAC of what it counts (a client
// address, a form's one-time id) under a secret that lives in this process's memory only and is
// replaced every hour. The address itself is never kept, logged or stored.
//
// Why a random secret and not one derived from APP_SECRET and the hour: the counters are per
// process anyway, so no two processes need to agree on a key, and a secret that can be recomputed
// would let anyone holding APP_SECRET test guessed addresses against a memory dump (all of IPv4
// is only 2^32 guesses). A random secret, once dropped, links nothing to anyone.
//
// Each bucket is a token bucket: `perHour` tokens, refilled evenly over an hour. A bucket left
// alone for an hour is full again, so it carries no information and can be forgotten. That is
// what makes the hourly rotation exact: a bucket touched in the previous hour is found through
// the previous secret and moved under the current one; anything older is dropped with its secret.

export type RateLimitKey = {
  /** What is counted, e.g. "submitReport:address"; part of the HMAC input, never stored alone. */
  scope: string;
  id: string;
  perHour: number;
  /** Tokens this call takes (default 1): e.g. megabytes, for a budget of bytes. At most perHour. */
  cost?: number;
};

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type Bucket = { tokens: number; capacity: number; updatedAt: number };

const hourMs = 60 * 60 * 1000;

export class RateLimiter {
  private hour = Number.NaN;
  private secret: Buffer = randomBytes(32);
  private previousSecret: Buffer | null = null;
  private buckets = new Map<string, Bucket>();
  private previousBuckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Takes a token (or `cost` tokens) from every bucket named, or from none when any of them is short. A refused
   * call creates no bucket, so a flood of refused callers cannot grow memory: buckets exist only
   * for calls that were let through, which the global bucket bounds.
   */
  take(keys: readonly RateLimitKey[]): RateLimitResult {
    const now = this.now();
    this.rotate(now);
    const found = keys.map((key) => {
      const id = this.bucketId(this.secret, key);
      const bucket = this.buckets.get(id) ?? this.adoptFromPreviousHour(key, id);
      const capacity = Math.max(1, key.perHour);
      // A limit raised while the process runs takes effect at once: the extra tokens are added.
      const raised = bucket ? Math.max(0, capacity - bucket.capacity) : 0;
      const tokens = bucket ? Math.min(capacity, bucket.tokens + raised + ((now - bucket.updatedAt) * capacity) / hourMs) : capacity;
      const cost = Math.min(capacity, Math.max(1, key.cost ?? 1));
      return { key, id, tokens, capacity, cost };
    });
    const empty = found.filter((entry) => entry.tokens < entry.cost);
    if (empty.length > 0) {
      const waitMs = Math.max(...empty.map((entry) => ((entry.cost - entry.tokens) * hourMs) / entry.capacity));
      return { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
    }
    for (const entry of found) this.buckets.set(entry.id, { tokens: entry.tokens - entry.cost, capacity: entry.capacity, updatedAt: now });
    return { allowed: true };
  }

  /** How many buckets are held (for tests of the memory bound). */
  get size(): number {
    return this.buckets.size + this.previousBuckets.size;
  }

  private rotate(now: number) {
    const hour = Math.floor(now / hourMs);
    if (hour === this.hour) return;
    const next = hour === this.hour + 1;
    this.previousSecret = next ? this.secret : null;
    this.previousBuckets = next ? this.buckets : new Map();
    this.secret = randomBytes(32);
    this.buckets = new Map();
    this.hour = hour;
  }

  private adoptFromPreviousHour(key: RateLimitKey, id: string): Bucket | undefined {
    if (!this.previousSecret) return undefined;
    const previousId = this.bucketId(this.previousSecret, key);
    const bucket = this.previousBuckets.get(previousId);
    if (!bucket) return undefined;
    this.previousBuckets.delete(previousId);
    this.buckets.set(id, bucket);
    return bucket;
  }

  private bucketId(secret: Buffer, key: RateLimitKey): string {
    // 128 bits are plenty to tell buckets apart and halve the memory of a full digest.
    return createHmac("sha256", secret).update(`${key.scope}\0${key.id}`, "utf8").digest("base64url").slice(0, 22);
  }
}

/** The limiter shared by every public action in this process. */
export const rateLimiter = new RateLimiter();
