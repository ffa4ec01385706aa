import { hkdfSync } from "node:crypto";
import sodium from "libsodium-wrappers-sumo";
import { beforeAll, describe, expect, it } from "vitest";
import { SealError } from "@/lib/crypto/sealing";
import {
  newReporterKeySalt,
  reporterKeyPair,
  unwrapFromSession,
  wrapForSession,
} from "@/lib/followup/reporter-keys";

// The reporter's key (lib/followup/reporter-keys.ts) is derived from the receipt, which is never
// stored: a change in the derivation would leave every reporter unable to open their
// conversations, with nothing on the server to derive the old key from. The vector below pins it.

const hex = (value: string) => Buffer.from(value, "hex");

// Five groups of five digits, each with its Damm check digit (lib/validation/receipt-code.ts).
const receipt = "123459678907135797246808112236";
const salt = hex("000102030405060708090a0b0c0d0e0f");
// Computed once with node:crypto's HKDF and libsodium's crypto_box_seed_keypair, then fixed.
const pinnedSeed = "d085a564cc1f4a997733e672911ac0e5e4f55e893dc616828dedcb4e9ace17ad";
const pinnedPublicKey = "ce3d4093d02855e0d12183c9b22e4fe4c39c5b0d27a08ef518d207a924966820";
const pinnedPrivateKey = "2d536f741293218c34ab6ff581753da2a9d78d078d3347e58d5389c104b1bfb3";

beforeAll(async () => {
  await sodium.ready;
});

describe("the reporter's key pair", () => {
  it("is the same for the same receipt and salt", async () => {
    const one = await reporterKeyPair(receipt, salt);
    const two = await reporterKeyPair(receipt, Buffer.from(salt));
    expect(two.publicKey).toEqual(one.publicKey);
    expect(two.privateKey).toEqual(one.privateKey);
    expect(one.publicKey).toHaveLength(32);
    expect(one.privateKey).toHaveLength(32);
  });

  it("differs with another salt or one other digit of the receipt", async () => {
    const base = await reporterKeyPair(receipt, salt);
    const otherSalt = await reporterKeyPair(receipt, newReporterKeySalt());
    expect(otherSalt.publicKey).not.toEqual(base.publicKey);
    const flippedSalt = Buffer.from(salt);
    flippedSalt[15]! ^= 0x01;
    expect((await reporterKeyPair(receipt, flippedSalt)).publicKey).not.toEqual(base.publicKey);
    const seen = new Set([base.publicKey.toString("hex")]);
    for (const position of [0, 13, receipt.length - 1]) {
      const digit = Number(receipt[position]);
      const other = `${receipt.slice(0, position)}${(digit + 1) % 10}${receipt.slice(position + 1)}`;
      const pair = await reporterKeyPair(other, salt);
      expect(seen.has(pair.publicKey.toString("hex"))).toBe(false);
      seen.add(pair.publicKey.toString("hex"));
    }
  });

  it("has the public key of its private key (X25519 base point multiplication)", async () => {
    for (const s of [salt, newReporterKeySalt()]) {
      const pair = await reporterKeyPair(receipt, s);
      expect(Buffer.from(sodium.crypto_scalarmult_base(pair.privateKey))).toEqual(pair.publicKey);
    }
  });

  it("is derived exactly as pinned: HKDF-SHA256(receipt, salt, 'prijavi reporter key v1') seeds crypto_box", async () => {
    const seed = Buffer.from(
      hkdfSync("sha256", Buffer.from(receipt, "utf8"), salt, "prijavi reporter key v1", 32),
    );
    expect(seed.toString("hex")).toBe(pinnedSeed);
    const fromSeed = sodium.crypto_box_seed_keypair(hex(pinnedSeed));
    const pair = await reporterKeyPair(receipt, salt);
    expect(pair.publicKey.toString("hex")).toBe(pinnedPublicKey);
    expect(pair.privateKey.toString("hex")).toBe(pinnedPrivateKey);
    expect(Buffer.from(fromSeed.publicKey).toString("hex")).toBe(pinnedPublicKey);
    expect(Buffer.from(fromSeed.privateKey).toString("hex")).toBe(pinnedPrivateKey);
  });
});

describe("the reporter's key in a session row", () => {
  const token = "Pq3bT0k3n-of-the-cookie_0123456789abcdefghijk";
  const sessionId = "7b0c2a8e-2f1c-4d8e-9d61-0a4f7c3e5b21";

  it("round-trips under the cookie's token and the session's id", async () => {
    const pair = await reporterKeyPair(receipt, salt);
    const wrapped = wrapForSession(pair, token, sessionId);
    // The private key is not in the row as it is.
    expect(wrapped.includes(pair.privateKey)).toBe(false);
    const back = await unwrapFromSession(wrapped, token, sessionId);
    expect(back.privateKey).toEqual(pair.privateKey);
    expect(back.publicKey).toEqual(pair.publicKey);
    // A fresh IV each time: two wraps of one key differ, and both open.
    const again = wrapForSession(pair, token, sessionId);
    expect(again).not.toEqual(wrapped);
    expect((await unwrapFromSession(again, token, sessionId)).publicKey).toEqual(pair.publicKey);
  });

  it("does not open with another token, another session's id, or one byte changed", async () => {
    const pair = await reporterKeyPair(receipt, salt);
    const wrapped = wrapForSession(pair, token, sessionId);
    await expect(unwrapFromSession(wrapped, `${token}x`, sessionId)).rejects.toThrow(SealError);
    await expect(unwrapFromSession(wrapped, "", sessionId)).rejects.toThrow(SealError);
    await expect(
      unwrapFromSession(wrapped, token, "7b0c2a8e-2f1c-4d8e-9d61-0a4f7c3e5b22"),
    ).rejects.toThrow(SealError);
    for (let i = 0; i < wrapped.length; i++) {
      const copy = Buffer.from(wrapped);
      copy[i]! ^= 0x01;
      await expect(unwrapFromSession(copy, token, sessionId)).rejects.toThrow(SealError);
    }
    await expect(
      unwrapFromSession(wrapped.subarray(0, wrapped.length - 1), token, sessionId),
    ).rejects.toThrow(SealError);
    await expect(unwrapFromSession(Buffer.alloc(0), token, sessionId)).rejects.toThrow(SealError);
  });
});
