import "server-only";
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import { hashRaw } from "@node-rs/argon2";
import sodium from "libsodium-wrappers-sumo";

// The building blocks of sealed reports (SECURITY.md, "Sealed reports"). Only well-kept
// primitives, each used as its authors intend:
//   - libsodium's sealed box (X25519 with a fresh sender key per box, XSalsa20-Poly1305) gives a
//     key to an organisation: anyone may seal to its public key, only its private key opens;
//   - Argon2id (@node-rs/argon2: native, runs on libuv's pool so the event loop never waits for
//     it) turns a password, a receipt or a recovery key into a wrapping key, with parameters
//     stored beside what it wraps so they can be raised later;
//   - AES-256-GCM from Node wraps a key under another, the associated data naming what it is for.
// Every failure to open throws SealError and nothing else, so callers fail closed in one way.

export class SealError extends Error {
  override name = "SealError";
}

export type KeyPair = { publicKey: Buffer; privateKey: Buffer };

/** Argon2id parameters, stored with every value derived from them. */
export type KdfParams = { memoryKiB: number; iterations: number; parallelism: number };

/**
 * 64 MiB, 3 passes: about 0.3–0.6 s on this project's two-core reference machine (npm run bench),
 * above OWASP's floor (19 MiB, 2 passes) and libsodium's "interactive" limits.
 */
export const defaultKdfParams: KdfParams = { memoryKiB: 65_536, iterations: 3, parallelism: 1 };

const keyBytes = 32;
const contextBytes = 32;
const wrapVersion = 1;
// @node-rs/argon2 declares its algorithms as a const enum, which isolated modules cannot read.
const argon2id = 2;

async function ready(): Promise<typeof sodium> {
  await sodium.ready;
  return sodium;
}

/** A fresh random 256-bit key: a report's content key, a conversation key, a recovery key. */
export function newKey(): Buffer {
  return randomBytes(keyBytes);
}

/** An organisation's X25519 key pair. */
export async function generateKeyPair(): Promise<KeyPair> {
  const s = await ready();
  const pair = s.crypto_box_keypair();
  return { publicKey: Buffer.from(pair.publicKey), privateKey: Buffer.from(pair.privateKey) };
}

// A sealed box has no associated data, so the box holds the key followed by a digest of its
// context ("report:<id>:content" and the like). Opening checks the digest: a box copied from one
// report's row to another's opens to an error, not to the other report's key.
function contextDigest(context: string): Buffer {
  return createHash("sha256").update(`prijavi-seal-v1\0${context}`, "utf8").digest();
}

/** Seals a 32-byte key to a public key, bound to its context. */
export async function sealKey(key: Uint8Array, publicKey: Uint8Array, context: string) {
  if (key.length !== keyBytes) throw new SealError("Only 32-byte keys are sealed.");
  const s = await ready();
  return Buffer.from(s.crypto_box_seal(Buffer.concat([key, contextDigest(context)]), publicKey));
}

/** Opens a sealed key with the recipient's key pair; a wrong key, context or byte throws. */
export async function openSealedKey(sealed: Uint8Array, pair: KeyPair, context: string) {
  const s = await ready();
  let payload: Uint8Array;
  try {
    payload = s.crypto_box_seal_open(sealed, pair.publicKey, pair.privateKey);
  } catch {
    throw new SealError("The sealed key does not open with this key pair.");
  }
  const body = Buffer.from(payload);
  const expected = contextDigest(context);
  if (
    body.length !== keyBytes + contextBytes ||
    !timingSafeEqual(body.subarray(keyBytes), expected)
  )
    throw new SealError("The sealed key belongs elsewhere.");
  return body.subarray(0, keyBytes);
}

/** Argon2id over a secret a person holds (password, receipt, recovery key) and a stored salt. */
export async function deriveKey(
  secret: string | Uint8Array,
  salt: Uint8Array,
  params: KdfParams,
): Promise<Buffer> {
  if (salt.length < 16) throw new SealError("A salt has at least 16 bytes.");
  return hashRaw(typeof secret === "string" ? Buffer.from(secret, "utf8") : Buffer.from(secret), {
    algorithm: argon2id,
    salt: Buffer.from(salt),
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
    outputLen: keyBytes,
  });
}

export function newSalt(): Buffer {
  return randomBytes(16);
}

/**
 * Wraps a key (or a private key) under a wrapping key: version ‖ iv ‖ ciphertext ‖ tag. The
 * associated data says whose copy it is ("member:<user id>:org:<org id>"), so a copy moved to
 * another member's row does not open.
 */
export function wrapKey(key: Uint8Array, wrappingKey: Uint8Array, associatedData: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", wrappingKey, iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const body = Buffer.concat([cipher.update(key), cipher.final(), cipher.getAuthTag()]);
  return Buffer.concat([Buffer.of(wrapVersion), iv, body]);
}

export function unwrapKey(wrapped: Uint8Array, wrappingKey: Uint8Array, associatedData: string) {
  const bytes = Buffer.from(wrapped);
  if (bytes.length < 1 + 12 + 16 || bytes[0] !== wrapVersion)
    throw new SealError("Unreadable wrapped key.");
  const iv = bytes.subarray(1, 13);
  const body = bytes.subarray(13);
  try {
    const decipher = createDecipheriv("aes-256-gcm", wrappingKey, iv);
    decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
  } catch {
    throw new SealError("The wrapped key does not open with this key.");
  }
}

// A recovery key is printed once and typed back years later, so it is written for people: 32
// random bytes and a 2-byte checksum as 17 groups of four hex digits. The checksum catches a
// mistyped group before Argon2id is spent on it.

export function formatRecoveryKey(key: Uint8Array): string {
  if (key.length !== keyBytes) throw new SealError("A recovery key has 32 bytes.");
  const check = createHash("sha256").update(key).digest().subarray(0, 2);
  const hex = Buffer.concat([key, check]).toString("hex");
  return hex.match(/.{4}/g)!.join("-");
}

/** The key back from what a person typed (any case, spaces or dashes), or null if mistyped. */
export function parseRecoveryKey(text: string): Buffer | null {
  const hex = text.toLowerCase().replace(/[\s-]/g, "");
  if (!/^[0-9a-f]{68}$/.test(hex)) return null;
  const bytes = Buffer.from(hex, "hex");
  const key = bytes.subarray(0, keyBytes);
  const check = createHash("sha256").update(key).digest().subarray(0, 2);
  return timingSafeEqual(check, bytes.subarray(keyBytes)) ? key : null;
}
