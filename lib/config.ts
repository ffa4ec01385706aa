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
    throw new ConfigurationError(`TRUST_PROXY must be 0 to 10, the number of trusted reverse proxies (got "${raw}").`);
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
  /** Per client address (behind a trusted proxy) and per rendered form. */
  submissionsPerHour: () => positiveInteger("RATE_LIMIT_SUBMISSIONS_PER_HOUR", 20),
  /** All report submissions to this process together: a flood cannot fill the database. */
  globalSubmissionsPerHour: () => positiveInteger("RATE_LIMIT_GLOBAL_SUBMISSIONS_PER_HOUR", 600),
  /** Receipt entries on the follow-up page, per client and overall (each code also has its own limit). */
  followUpAttemptsPerHour: () => positiveInteger("RATE_LIMIT_FOLLOW_UP_PER_HOUR", 30),
  globalFollowUpAttemptsPerHour: () => positiveInteger("RATE_LIMIT_GLOBAL_FOLLOW_UP_PER_HOUR", 2000),
  /** Reporters' replies, per client and overall. */
  repliesPerHour: () => positiveInteger("RATE_LIMIT_REPLIES_PER_HOUR", 30),
  globalRepliesPerHour: () => positiveInteger("RATE_LIMIT_GLOBAL_REPLIES_PER_HOUR", 1000),
  /** Megabytes of files all reporters together may send per hour (reports and replies): a disk budget. */
  globalUploadMegabytesPerHour: () => positiveInteger("RATE_LIMIT_GLOBAL_UPLOAD_MB_PER_HOUR", 2000),
};

export const retention = {
  closedDays: () => positiveInteger("RETENTION_CLOSED_DAYS", 180),
  spamDays: () => positiveInteger("RETENTION_SPAM_DAYS", 30),
};

/**
 * Image decoding and the uploads parsed at once (lib/attachments/image-work.ts, lib/http/upload-slots.ts).
 * Memory is what they bound: each image worker may hold about 12 bytes per pixel of the largest
 * photo taken (600 MB at the 50-megapixel cap), each upload slot about four copies of a 26 MB post.
 */
export const workLimits = {
  /** Images decoded or re-encoded at once. Default: the number of cores, at most 4. */
  imageWorkers: () => positiveInteger("IMAGE_WORKERS", Math.max(1, Math.min(4, availableParallelism()))),
  /** A photo that takes longer than this to decode is refused ("too large"). */
  imageDecodeSeconds: () => positiveInteger("IMAGE_DECODE_SECONDS", 20),
  /** Large posts (files) parsed at once; the others wait in line or are asked to try again. */
  uploadSlots: () => positiveInteger("UPLOAD_SLOTS", 2),
  /** Large posts that may wait for a slot, and how long, before "busy, try again in a moment". */
  uploadQueue: () => nonNegativeInteger("UPLOAD_QUEUE", 4),
  uploadWaitSeconds: () => positiveInteger("UPLOAD_WAIT_SECONDS", 15),
};

function nonNegativeInteger(name: string, fallback: number): number {
  return process.env[name]?.trim() === "0" ? 0 : positiveInteger(name, fallback);
}

export function assertConfiguration(): void {
  trustedProxyCount();
  rateLimits.submissionsPerHour();
  rateLimits.globalSubmissionsPerHour();
  rateLimits.globalUploadMegabytesPerHour();
  retention.closedDays();
  retention.spamDays();
  for (const setting of Object.values(workLimits)) setting();
}
