import "server-only";
import { hkdfSync } from "node:crypto";

// Secrets come from the environment only. scripts/start.mjs generates them once into .data/ for the
// embedded development default; production supplies them. A missing or malformed secret stops the
// app loudly: it must never fall back to a weak default or to storing plaintext.

export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

const keyPattern = /^([a-zA-Z0-9_-]{1,32}):([A-Za-z0-9+/=_-]+)$/;

export type DataKey = { id: string; key: Buffer };

// Two secrets, because they fail differently: APP_SECRET keys the receipt hashes and can never
// change without locking every reporter out of their report; SESSION_SECRET signs staff sessions
// and must be replaceable at once after a leak (everyone signs in again, no reporter loses
// anything). A stolen SESSION_SECRET lets no one test receipts, and the reverse.
function secret(name: "APP_SECRET" | "SESSION_SECRET"): Buffer {
  const value = process.env[name];
  if (!value || value.length < 32) {
    throw new ConfigurationError(`${name} is missing or shorter than 32 characters.`);
  }
  return Buffer.from(value, "utf8");
}

/** A 32-byte key derived from APP_SECRET for one purpose, so no two uses share a key. */
export function derivedKey(purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret("APP_SECRET"), "prijavi", purpose, 32));
}

/** The key better-auth signs staff sessions with, from SESSION_SECRET alone. */
export function sessionSigningKey(): Buffer {
  return Buffer.from(hkdfSync("sha256", secret("SESSION_SECRET"), "prijavi", "better-auth", 32));
}

/** DATA_ENCRYPTION_KEY is "<key id>:<32 bytes in base64>"; the id is stored beside every value. */
export function currentDataKey(): DataKey {
  return parseDataKey(process.env.DATA_ENCRYPTION_KEY, "DATA_ENCRYPTION_KEY");
}

/** Keys that may still be needed to read older values (comma-separated, same format). */
export function previousDataKeys(): DataKey[] {
  const raw = process.env.DATA_ENCRYPTION_PREVIOUS_KEYS;
  if (!raw) return [];
  return raw
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => parseDataKey(part, "DATA_ENCRYPTION_PREVIOUS_KEYS"));
}

function parseDataKey(value: string | undefined, name: string): DataKey {
  const match = value ? keyPattern.exec(value) : null;
  if (!match) throw new ConfigurationError(`${name} is missing or not "<key id>:<base64 key>".`);
  const key = Buffer.from(match[2]!, "base64");
  if (key.length !== 32) throw new ConfigurationError(`${name} must hold a 32-byte key.`);
  // Reserved for keys the server does not keep (lib/crypto/encryption.ts, sealedKeyIds).
  if (match[1] === "report" || match[1] === "waiting" || match[1] === "thread")
    throw new ConfigurationError(`${name} may not use the key id "${match[1]}".`);
  return { id: match[1]!, key };
}

/** Checked at start-up (instrumentation.ts) so a misconfigured server never takes a report. */
export function assertSecrets(): void {
  secret("APP_SECRET");
  secret("SESSION_SECRET");
  currentDataKey();
  previousDataKeys();
}
