import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import {
  decryptBytes,
  decryptText,
  encryptBytes,
  encryptText,
  keyIdOf,
} from "@/lib/crypto/encryption";
import { assertSecrets, ConfigurationError } from "@/lib/crypto/secrets";
import { generateKeyPair, openSealedKey, SealError, sealKey } from "@/lib/crypto/sealing";
import { waitingKey, waitingLookupId } from "@/lib/attachments/waiting-key";
import { contentReader, newContentKey, reportKeyContext } from "@/lib/reports/report-keys";

// A report's content key as the app uses it (lib/reports/report-keys.ts): AES-256-GCM envelopes
// under key id "report", the content key sealed to an organisation key bound to report and key.

const aad = "report:2b1c0a9e-0000-4000-8000-000000000001:description";

beforeEach(() => {
  process.env.APP_SECRET = "unit-test-secret-that-is-long-enough-0123456789";
  process.env.SESSION_SECRET = "unit-test-session-secret-long-enough-9876543210";
  process.env.DATA_ENCRYPTION_KEY = `k1:${randomBytes(32).toString("base64")}`;
  delete process.env.DATA_ENCRYPTION_PREVIOUS_KEYS;
});

describe("the content-key envelope", () => {
  it("round-trips under the content key and names it 'report', never a server key", () => {
    const key = newContentKey();
    const sealed = encryptText("Ana je zaprta v kleti.", aad, key);
    expect(keyIdOf(sealed)).toBe("report");
    expect(decryptText(sealed, aad, key)).toBe("Ana je zaprta v kleti.");
    // The server's own path (every configured server key) does not open it.
    expect(() => decryptText(sealed, aad)).toThrow(/sealed/);
  });

  it("fails closed on the wrong associated data, another key, or any changed byte", () => {
    const key = newContentKey();
    const sealed = encryptText("secret", aad, key);
    expect(() => decryptText(sealed, aad.replace("description", "contact"), key)).toThrow();
    expect(() => decryptText(sealed, aad, newContentKey())).toThrow();
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0]! ^= 1;
    parts[3] = body.toString("base64url");
    expect(() => decryptText(parts.join("."), aad, key)).toThrow();
    // A server-key value is not read as if it were under the content key, and the reverse.
    expect(() => decryptText(encryptText("x", aad), aad, key)).toThrow(/not under this key/);
  });

  it("does the same for files", () => {
    const key = newContentKey();
    const fileAad = "attachment:2b1c0a9e-0000-4000-8000-000000000002:content";
    const { keyId, content } = encryptBytes(Buffer.from("%PDF-1.7 canary"), fileAad, key);
    expect(keyId).toBe("report");
    expect(decryptBytes(content, keyId, fileAad, key).toString()).toBe("%PDF-1.7 canary");
    expect(() => decryptBytes(content, keyId, fileAad)).toThrow();
    expect(() => decryptBytes(content, keyId, fileAad.replace("content", "x"), key)).toThrow();
    content[20]! ^= 1;
    expect(() => decryptBytes(content, keyId, fileAad, key)).toThrow();
  });

  it("reads sealed values as null without the key, and older server-key values as before", () => {
    const key = newContentKey();
    const sealed = encryptText("sealed text", aad, key);
    const legacy = encryptText("legacy text", aad);
    expect(contentReader(null).text(sealed, aad)).toBeNull();
    expect(contentReader(null).closed(sealed)).toBe(true);
    expect(contentReader(null).text(legacy, aad)).toBe("legacy text");
    expect(contentReader(key).text(sealed, aad)).toBe("sealed text");
    expect(contentReader(key).text(legacy, aad)).toBe("legacy text");
  });

  it("refuses a server key configured under a reserved id", () => {
    for (const id of ["report", "waiting"]) {
      process.env.DATA_ENCRYPTION_KEY = `${id}:${randomBytes(32).toString("base64")}`;
      expect(() => assertSecrets()).toThrow(ConfigurationError);
    }
  });
});

describe("the sealed content key", () => {
  it("opens only with the organisation's private key and only for its report and key", async () => {
    const organization = await generateKeyPair();
    const other = await generateKeyPair();
    const key = newContentKey();
    const context = reportKeyContext("report-a", "org-key-1");
    const sealed = await sealKey(key.key, organization.publicKey, context);
    expect((await openSealedKey(sealed, organization, context)).equals(key.key)).toBe(true);
    await expect(openSealedKey(sealed, other, context)).rejects.toThrow(SealError);
    await expect(
      openSealedKey(sealed, organization, reportKeyContext("report-b", "org-key-1")),
    ).rejects.toThrow(SealError);
    await expect(
      openSealedKey(sealed, organization, reportKeyContext("report-a", "org-key-2")),
    ).rejects.toThrow(SealError);
    const changed = Buffer.from(sealed);
    changed[changed.length - 1]! ^= 1;
    await expect(openSealedKey(changed, organization, context)).rejects.toThrow(SealError);
  });
});

describe("waiting files", () => {
  it("are found and keyed by values derived from the form's id, neither of which is the id", () => {
    const id = "0f8e2a1c-5b7d-4e3f-9a6b-1c2d3e4f5a6b";
    const lookup = waitingLookupId(id);
    expect(lookup).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(lookup).not.toBe(id);
    expect(waitingLookupId(id.toUpperCase())).toBe(lookup);
    expect(waitingKey(id).key.equals(waitingKey(id).key)).toBe(true);
    expect(waitingKey(id).key.toString("hex")).not.toContain(lookup.replaceAll("-", ""));
    expect(waitingKey(id).key.equals(waitingKey(lookup).key)).toBe(false);
    const sealed = encryptText("name.jpg", "attachment:x:fileName", waitingKey(id));
    expect(keyIdOf(sealed)).toBe("waiting");
    expect(() => decryptText(sealed, "attachment:x:fileName")).toThrow();
  });
});
