import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { decryptText, encryptText, keyIdOf } from "@/lib/crypto/encryption";
import {
  assertSecrets,
  ConfigurationError,
  derivedKey,
  sessionSigningKey,
} from "@/lib/crypto/secrets";

const key = (id: string) => `${id}:${randomBytes(32).toString("base64")}`;

beforeEach(() => {
  process.env.APP_SECRET = "unit-test-secret-that-is-long-enough-0123456789";
  process.env.SESSION_SECRET = "unit-test-session-secret-long-enough-9876543210";
  process.env.DATA_ENCRYPTION_KEY = key("k1");
  delete process.env.DATA_ENCRYPTION_PREVIOUS_KEYS;
});

describe("encryption at rest", () => {
  it("round-trips text, including Cyrillic, and names its key", () => {
    const text = "Паспорти забрав роботодавець. Kmetija pri Ptuju.";
    const sealed = encryptText(text, "report:1:description");
    expect(sealed).not.toContain("Паспорти");
    expect(keyIdOf(sealed)).toBe("k1");
    expect(decryptText(sealed, "report:1:description")).toBe(text);
  });

  it("uses a fresh IV each time", () => {
    expect(encryptText("same", "aad")).not.toBe(encryptText("same", "aad"));
  });

  it("refuses a value moved to another row or field", () => {
    const sealed = encryptText("secret", "report:1:description");
    expect(() => decryptText(sealed, "report:2:description")).toThrow();
    expect(() => decryptText(sealed, "report:1:contact")).toThrow();
  });

  it("refuses a tampered value", () => {
    const sealed = encryptText("secret", "aad");
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString("base64url");
    expect(() => decryptText(parts.join("."), "aad")).toThrow();
  });

  it("reads values under a previous key after rotation", () => {
    const old = process.env.DATA_ENCRYPTION_KEY!;
    const sealed = encryptText("kept", "aad");
    process.env.DATA_ENCRYPTION_KEY = key("k2");
    expect(() => decryptText(sealed, "aad")).toThrow(/k1/);
    process.env.DATA_ENCRYPTION_PREVIOUS_KEYS = old;
    expect(decryptText(sealed, "aad")).toBe("kept");
  });

  it("fails loudly at start on a missing or malformed key", () => {
    expect(() => assertSecrets()).not.toThrow();
    process.env.DATA_ENCRYPTION_KEY = "k1:c2hvcnQ=";
    expect(() => assertSecrets()).toThrow(ConfigurationError);
    delete process.env.DATA_ENCRYPTION_KEY;
    expect(() => assertSecrets()).toThrow(ConfigurationError);
    expect(() => encryptText("x", "aad")).toThrow(ConfigurationError);
    process.env.DATA_ENCRYPTION_KEY = key("k1");
    process.env.APP_SECRET = "short";
    expect(() => assertSecrets()).toThrow(ConfigurationError);
  });

  it("keeps the session-signing key apart from the receipt key: replacing one leaves the other", () => {
    const receiptKey = derivedKey("receipt-v1");
    const sessionKey = sessionSigningKey();
    expect(sessionKey.equals(receiptKey)).toBe(false);
    process.env.SESSION_SECRET = "a-replaced-session-secret-after-a-leak-000000";
    expect(sessionSigningKey().equals(sessionKey)).toBe(false);
    expect(derivedKey("receipt-v1").equals(receiptKey)).toBe(true);
    process.env.APP_SECRET = "another-app-secret-that-is-long-enough-1111111";
    expect(sessionSigningKey().equals(sessionKey)).toBe(false);
    process.env.SESSION_SECRET = "unit-test-session-secret-long-enough-9876543210";
    expect(sessionSigningKey().equals(sessionKey)).toBe(true);
  });

  it("refuses to start without a session secret of its own", () => {
    delete process.env.SESSION_SECRET;
    expect(() => assertSecrets()).toThrow(/SESSION_SECRET/);
    expect(() => sessionSigningKey()).toThrow(ConfigurationError);
  });
});
