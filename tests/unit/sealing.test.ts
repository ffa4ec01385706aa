import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
} from "node:crypto";
import sodium from "libsodium-wrappers-sumo";
import { beforeAll, describe, expect, it } from "vitest";
import {
  defaultKdfParams,
  deriveKey,
  formatRecoveryKey,
  generateKeyPair,
  newKey,
  newSalt,
  openSealedKey,
  parseRecoveryKey,
  SealError,
  sealKey,
  unwrapKey,
  wrapKey,
  type KdfParams,
} from "@/lib/crypto/sealing";

const hex = (value: string) => Buffer.from(value, "hex");
const cheap: KdfParams = { memoryKiB: 1024, iterations: 1, parallelism: 1 };

beforeAll(async () => {
  await sodium.ready;
});

/** Every copy of `bytes` with one bit flipped, at up to `limit` positions spread over it. */
function tampered(bytes: Buffer, limit = 24): Buffer[] {
  const step = Math.max(1, Math.floor(bytes.length / limit));
  const copies: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += step) {
    const copy = Buffer.from(bytes);
    copy[i]! ^= 0x01;
    copies.push(copy);
  }
  return copies;
}

describe("X25519 as libsodium uses it (RFC 7748, section 6.1)", () => {
  const alicePrivate = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  const alicePublic = hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
  const bobPrivate = hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
  const bobPublic = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
  const shared = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

  it("derives the RFC's public keys and one shared secret, the same as OpenSSL's", () => {
    expect(Buffer.from(sodium.crypto_scalarmult_base(alicePrivate))).toEqual(alicePublic);
    expect(Buffer.from(sodium.crypto_scalarmult_base(bobPrivate))).toEqual(bobPublic);
    const fromSodium = Buffer.from(sodium.crypto_scalarmult(alicePrivate, bobPublic));
    expect(Buffer.from(sodium.crypto_scalarmult(bobPrivate, alicePublic))).toEqual(fromSodium);
    // The same computation through Node's OpenSSL, an independent implementation.
    const der = (prefix: string, key: Buffer) => Buffer.concat([hex(prefix), key]);
    const fromOpenSsl = diffieHellman({
      privateKey: createPrivateKey({
        key: der("302e020100300506032b656e04220420", alicePrivate),
        format: "der",
        type: "pkcs8",
      }),
      publicKey: createPublicKey({
        key: der("302a300506032b656e032100", bobPublic),
        format: "der",
        type: "spki",
      }),
    });
    expect(fromSodium).toEqual(fromOpenSsl);
    expect(fromSodium).toEqual(shared);
  });
});

describe("AES-256-GCM as the wrapping uses it (GCM specification, test cases 13 and 14)", () => {
  const zeroKey = Buffer.alloc(32);
  const zeroIv = Buffer.alloc(12);

  it("gives the published tag for an empty message and ciphertext for a zero block", () => {
    const empty = createCipheriv("aes-256-gcm", zeroKey, zeroIv);
    empty.final();
    expect(empty.getAuthTag()).toEqual(hex("530f8afbc74536b9a963b4f1c4cb738b"));

    const block = createCipheriv("aes-256-gcm", zeroKey, zeroIv);
    const ciphertext = Buffer.concat([block.update(Buffer.alloc(16)), block.final()]);
    expect(ciphertext).toEqual(hex("cea7403d4d606b6e074ec5d3baf39d18"));
    expect(block.getAuthTag()).toEqual(hex("d0d1c8a799996bf0265b98b5d48ab919"));

    const decipher = createDecipheriv("aes-256-gcm", zeroKey, zeroIv);
    decipher.setAuthTag(hex("d0d1c8a799996bf0265b98b5d48ab919"));
    expect(Buffer.concat([decipher.update(ciphertext), decipher.final()])).toEqual(
      Buffer.alloc(16),
    );
  });
});

describe("Argon2id", () => {
  it("agrees with libsodium's independent implementation", async () => {
    const salt = hex("000102030405060708090a0b0c0d0e0f");
    for (const params of [cheap, defaultKdfParams]) {
      const ours = await deriveKey("geslo za Ključ — пароль", salt, params);
      const theirs = sodium.crypto_pwhash(
        32,
        Buffer.from("geslo za Ključ — пароль", "utf8"),
        salt,
        params.iterations,
        params.memoryKiB * 1024,
        sodium.crypto_pwhash_ALG_ARGON2ID13,
      );
      expect(ours).toEqual(Buffer.from(theirs));
    }
  });

  it("differs with another secret, salt or parameters", async () => {
    const salt = newSalt();
    const base = await deriveKey("password one", salt, cheap);
    expect(await deriveKey("password two", salt, cheap)).not.toEqual(base);
    expect(await deriveKey("password one", newSalt(), cheap)).not.toEqual(base);
    expect(await deriveKey("password one", salt, { ...cheap, iterations: 2 })).not.toEqual(base);
    expect(await deriveKey("password one", salt, cheap)).toEqual(base);
  });

  it("refuses a short salt", async () => {
    await expect(deriveKey("x", Buffer.alloc(8), cheap)).rejects.toBeInstanceOf(SealError);
  });
});

describe("sealed keys", () => {
  it("is libsodium's sealed box: opens with crypto_box_seal_open and holds key and context", async () => {
    const pair = await generateKeyPair();
    const key = newKey();
    const sealed = await sealKey(key, pair.publicKey, "report:1:content");
    const payload = sodium.crypto_box_seal_open(sealed, pair.publicKey, pair.privateKey);
    expect(Buffer.from(payload).subarray(0, 32)).toEqual(key);
    expect(await openSealedKey(sealed, pair, "report:1:content")).toEqual(key);
    // A fresh sender key each time: the same key sealed twice looks different.
    expect(await sealKey(key, pair.publicKey, "report:1:content")).not.toEqual(sealed);
  });

  it("fails closed for another organisation, another context or any changed byte", async () => {
    const ours = await generateKeyPair();
    const theirs = await generateKeyPair();
    const sealed = await sealKey(newKey(), ours.publicKey, "report:1:content");
    await expect(openSealedKey(sealed, theirs, "report:1:content")).rejects.toBeInstanceOf(
      SealError,
    );
    await expect(openSealedKey(sealed, ours, "report:2:content")).rejects.toBeInstanceOf(SealError);
    for (const copy of tampered(sealed)) {
      await expect(openSealedKey(copy, ours, "report:1:content")).rejects.toBeInstanceOf(SealError);
    }
  });

  it("seals only 32-byte keys", async () => {
    const pair = await generateKeyPair();
    await expect(sealKey(Buffer.alloc(16), pair.publicKey, "x")).rejects.toBeInstanceOf(SealError);
  });
});

describe("wrapped keys", () => {
  it("round-trips a private key under a password-derived key", async () => {
    const pair = await generateKeyPair();
    const salt = newSalt();
    const wrapping = await deriveKey("correct horse battery staple", salt, cheap);
    const wrapped = wrapKey(pair.privateKey, wrapping, "member:u1:org:o1");
    expect(wrapped.includes(pair.privateKey)).toBe(false);
    const again = await deriveKey("correct horse battery staple", salt, cheap);
    expect(unwrapKey(wrapped, again, "member:u1:org:o1")).toEqual(pair.privateKey);
  });

  it("fails closed for a wrong password, another member's row or any changed byte", async () => {
    const salt = newSalt();
    const wrapping = await deriveKey("right password", salt, cheap);
    const wrapped = wrapKey(newKey(), wrapping, "member:u1:org:o1");
    const wrong = await deriveKey("wrong password", salt, cheap);
    expect(() => unwrapKey(wrapped, wrong, "member:u1:org:o1")).toThrow(SealError);
    expect(() => unwrapKey(wrapped, wrapping, "member:u2:org:o1")).toThrow(SealError);
    for (const copy of tampered(wrapped)) {
      expect(() => unwrapKey(copy, wrapping, "member:u1:org:o1")).toThrow(SealError);
    }
    expect(() => unwrapKey(wrapped.subarray(0, 20), wrapping, "member:u1:org:o1")).toThrow(
      SealError,
    );
  });
});

describe("recovery keys", () => {
  it("round-trips through what a person writes down and types back", () => {
    const key = newKey();
    const written = formatRecoveryKey(key);
    expect(written).toMatch(/^([0-9a-f]{4}-){16}[0-9a-f]{4}$/);
    expect(parseRecoveryKey(written)).toEqual(key);
    expect(parseRecoveryKey(written.toUpperCase().replaceAll("-", " "))).toEqual(key);
  });

  it("catches a mistyped group", () => {
    const written = formatRecoveryKey(newKey());
    const first = written[0] === "a" ? "b" : "a";
    expect(parseRecoveryKey(first + written.slice(1))).toBeNull();
    expect(parseRecoveryKey(written.slice(0, -5))).toBeNull();
    expect(parseRecoveryKey("not a key")).toBeNull();
  });
});
