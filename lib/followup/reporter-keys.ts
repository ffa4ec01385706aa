import "server-only";
import { hkdfSync, randomBytes } from "node:crypto";
import sodium from "libsodium-wrappers-sumo";
import { unwrapKey, wrapKey, type KeyPair } from "@/lib/crypto/sealing";

// The reporter's key (SECURITY.md, "Sealed reports"): an X25519 key pair whose private half is
// derived from the receipt code and a random per-report salt, so anyone may seal a conversation's
// key to the reporter (its public half is stored with the report) and only someone holding the
// receipt opens it.
//
// HKDF-SHA256 rather than Argon2id: a receipt carries 83 random bits (lib/reports/receipt.ts),
// beyond any search, so a slow hash would add nothing but ~90 ms of CPU to every submission and
// every return; Argon2id is for secrets people choose (passwords), whose entropy is low.
//
// While a reporter is back (lib/followup/reporter-session.ts), the private key is kept in their
// session row wrapped under a key derived from the cookie's random token, which is never stored:
// the session table alone opens nothing, and the key is gone when the session ends.

const seedBytes = 32;

async function ready(): Promise<typeof sodium> {
  await sodium.ready;
  return sodium;
}

/** A new report's reporter key salt. */
export function newReporterKeySalt(): Buffer {
  return randomBytes(16);
}

/** The reporter's key pair from the receipt code (digits only, as normalizeReceipt gives it). */
export async function reporterKeyPair(receipt: string, salt: Uint8Array): Promise<KeyPair> {
  const seed = Buffer.from(
    hkdfSync("sha256", Buffer.from(receipt, "utf8"), salt, "prijavi reporter key v1", seedBytes),
  );
  const s = await ready();
  const pair = s.crypto_box_seed_keypair(seed);
  return { publicKey: Buffer.from(pair.publicKey), privateKey: Buffer.from(pair.privateKey) };
}

function sessionWrappingKey(token: string): Buffer {
  return Buffer.from(
    hkdfSync(
      "sha256",
      Buffer.from(token, "utf8"),
      Buffer.alloc(0),
      "prijavi reporter session v1",
      32,
    ),
  );
}

const sessionAad = (sessionId: string) => `reporter-session:${sessionId}:reporter-key`;

/** The reporter's private key wrapped for a session row, under the session's cookie token. */
export function wrapForSession(pair: KeyPair, token: string, sessionId: string): Buffer {
  return wrapKey(pair.privateKey, sessionWrappingKey(token), sessionAad(sessionId));
}

/** The reporter's key pair back from a session row; throws SealError when it does not open. */
export async function unwrapFromSession(
  wrapped: Uint8Array,
  token: string,
  sessionId: string,
): Promise<KeyPair> {
  const privateKey = unwrapKey(wrapped, sessionWrappingKey(token), sessionAad(sessionId));
  const s = await ready();
  return { publicKey: Buffer.from(s.crypto_scalarmult_base(privateKey)), privateKey };
}
