import "server-only";
import { availableParallelism } from "node:os";
import { ConfigurationError } from "@/lib/crypto/secrets";

// Settings from the environment, read when used (so tests can change them) and checked once at
// start-up (instrumentation.ts): a mistyped limit stops the server instead of silently becoming
// "no limit" or "purge everything now".

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
    throw new ConfigurationError(`${name} must be a whole number of at least 1 (got "${raw}").`);
  }
  return Number(raw);
}

/** A duration in seconds, fractions allowed (e.g. "0.5"), at least 0.01. */
function positiveSeconds(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) < 0.01)
    throw new ConfigurationError(
      `${name} must be a number of seconds of at least 0.01 (got "${raw}").`,
    );
  return Number(raw);
}

/**
 * TRUST_PROXY is how many reverse proxies stand between the internet and this server and append
 * the address they saw to X-Forwarded-For. Unset (or 0): none is trusted and forwarding headers
 * are ignored, because any client can write them.
 */
export function trustedProxyCount(): number {
  const raw = process.env.TRUST_PROXY?.trim().toLowerCase();
  if (!raw || raw === "0" || raw === "false") return 0;
  if (raw === "true") return 1;
  if (!/^\d+$/.test(raw) || Number(raw) > 10) {
    throw new ConfigurationError(
      `TRUST_PROXY must be 0 to 10, the number of trusted reverse proxies (got "${raw}").`,
    );
  }
  return Number(raw);
}

/**
 * Whether cookies carry the Secure flag: always in production, unless INSECURE_COOKIES=1 for a
 * production build served over plain HTTP inside a closed test network.
 */
export function secureCookies(): boolean {
  return process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "1";
}

export const rateLimits = {
  /** Reports per client address (behind a trusted proxy) and per rendered form. */
  submissionsPerHour: () => positiveInteger("RATE_LIMIT_SUBMISSIONS_PER_HOUR", 20),
  /**
   * Kilobytes of report text all instances together may store per hour: a disk budget, not a
   * count of people (at ~2 kB a report, the default takes some 10,000 reports an hour).
   */
  storedKilobytesPerHour: () => positiveInteger("RATE_LIMIT_STORED_KB_PER_HOUR", 20_480),
  /** Receipt entries per client (behind a trusted proxy); never a global count. */
  followUpAttemptsPerHour: () => positiveInteger("RATE_LIMIT_FOLLOW_UP_PER_HOUR", 30),
  /** Sessions one correct receipt may open per hour (each is a row and an audit event). */
  followUpPerCodePerHour: () => positiveInteger("RATE_LIMIT_FOLLOW_UP_PER_CODE_PER_HOUR", 60),
  /** How long a wrong receipt waits for its answer: guessing costs the guesser time, us nothing. */
  wrongReceiptDelayMs: () => positiveInteger("RATE_LIMIT_WRONG_RECEIPT_DELAY_MS", 1_000),
  /** Reporters' replies per report and per client (behind a trusted proxy). */
  repliesPerHour: () => positiveInteger("RATE_LIMIT_REPLIES_PER_HOUR", 30),
  /** Megabytes of files all reporters together may have stored per hour (reports and replies): a disk budget. */
  globalUploadMegabytesPerHour: () => positiveInteger("RATE_LIMIT_GLOBAL_UPLOAD_MB_PER_HOUR", 2000),
};

export const retention = {
  closedDays: () => positiveInteger("RETENTION_CLOSED_DAYS", 180),
  spamDays: () => positiveInteger("RETENTION_SPAM_DAYS", 30),
};

/**
 * The public address, for links in e-mail and the invitation link `admin:create` prints. APP_URL
 * when set; otherwise where this server listens (PORT and HOSTNAME, as `npm start` and the image
 * use them, default 127.0.0.1:3000), a wildcard listen address being reached on loopback.
 */
export function appUrl(): string {
  const configured = process.env.APP_URL?.trim();
  if (configured) {
    let url: URL;
    try {
      url = new URL(configured);
    } catch {
      throw new ConfigurationError(
        `APP_URL must be an http(s) address such as https://prijavi.example.org (got "${configured}").`,
      );
    }
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw new ConfigurationError(
        `APP_URL must start with http:// or https:// (got "${configured}").`,
      );
    return configured.replace(/\/+$/, "");
  }
  const port = process.env.PORT?.trim() || "3000";
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535)
    throw new ConfigurationError(`PORT must be a port number (got "${port}").`);
  const host = process.env.HOSTNAME?.trim() || "127.0.0.1";
  const reachable = host === "0.0.0.0" || host === "::" || host === "[::]" ? "127.0.0.1" : host;
  return `http://${reachable.includes(":") && !reachable.startsWith("[") ? `[${reachable}]` : reachable}:${port}`;
}

/**
 * Image decoding and the uploads parsed at once (lib/attachments/image-work.ts, lib/http/upload-slots.ts).
 * Memory is what they bound: each image worker may hold about 12 bytes per pixel of the largest
 * photo taken (600 MB at the 50-megapixel cap), each upload slot about four copies of a 26 MB post.
 */
export const workLimits = {
  /** Images decoded or re-encoded at once. Default: the number of cores, at most 4. */
  imageWorkers: () =>
    positiveInteger("IMAGE_WORKERS", Math.max(1, Math.min(4, availableParallelism()))),
  /** A photo that takes longer than this to decode is refused ("too large"). */
  imageDecodeSeconds: () => positiveSeconds("IMAGE_DECODE_SECONDS", 20),
  /** Large posts (files) parsed at once; the others wait in line or are asked to try again. */
  uploadSlots: () => positiveInteger("UPLOAD_SLOTS", 2),
  /** Large posts that may wait for a slot, and how long, before "busy, try again in a moment". */
  uploadQueue: () => nonNegativeInteger("UPLOAD_QUEUE", 4),
  uploadWaitSeconds: () => positiveInteger("UPLOAD_WAIT_SECONDS", 15),
};

function nonNegativeInteger(name: string, fallback: number): number {
  return process.env[name]?.trim() === "0" ? 0 : positiveInteger(name, fallback);
}

/**
 * Deadlines (lib/deadlines), in hours of elapsed time: a critical report waits as long at night as
 * by day. First look by triage per urgency; acknowledgement of a referral by the organisation
 * receiving it; an answer to a reporter's message.
 */
export const deadlineHours = {
  firstLook: {
    CRITICAL: () => positiveInteger("DEADLINE_FIRST_LOOK_CRITICAL_HOURS", 1),
    HIGH: () => positiveInteger("DEADLINE_FIRST_LOOK_HIGH_HOURS", 4),
    MEDIUM: () => positiveInteger("DEADLINE_FIRST_LOOK_MEDIUM_HOURS", 24),
    LOW: () => positiveInteger("DEADLINE_FIRST_LOOK_LOW_HOURS", 72),
  },
  acknowledge: () => positiveInteger("DEADLINE_ACKNOWLEDGE_HOURS", 24),
  reply: () => positiveInteger("DEADLINE_REPLY_HOURS", 48),
};

/** Statistics (lib/statistics): counts under this are published as "< n" (default 5). */
export const statistics = {
  minCell: () => positiveInteger("STATISTICS_MIN_CELL", 5),
};

/**
 * Argon2id's cost for a member's own key (lib/keys/member-keys.ts), paid at every sign-in and
 * password set. The default (64 MiB, 3 passes) is the production strength; the test runner lowers
 * it because sign-ins run by the hundred there. Stored with each key, so a change applies to keys
 * made afterwards and existing ones still open.
 */
export const keyDerivation = {
  memoryKiB: () => atLeast("KEY_KDF_MEMORY_KIB", 65_536, 8),
  iterations: () => positiveInteger("KEY_KDF_ITERATIONS", 3),
};

function atLeast(name: string, fallback: number, floor: number): number {
  const value = positiveInteger(name, fallback);
  if (value < floor) throw new ConfigurationError(`${name} must be at least ${floor}.`);
  return value;
}

export function assertConfiguration(): void {
  appUrl();
  trustedProxyCount();
  for (const limit of Object.values(rateLimits)) limit();
  retention.closedDays();
  retention.spamDays();
  for (const setting of Object.values(workLimits)) setting();
  for (const hours of Object.values(deadlineHours.firstLook)) hours();
  deadlineHours.acknowledge();
  deadlineHours.reply();
  statistics.minCell();
  keyDerivation.memoryKiB();
  keyDerivation.iterations();
}
