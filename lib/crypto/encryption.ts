import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { currentDataKey, previousDataKeys, type DataKey } from "./secrets";

// AES-256-GCM for report content at rest. The envelope names its key so keys can rotate:
//   v1.<key id>.<iv, base64url>.<ciphertext + tag, base64url>
// The associated data binds a value to its row and column, so a value copied into another
// report or field fails to decrypt instead of being shown out of place.

const version = "v1";

export function encryptText(
  plaintext: string,
  associatedData: string,
  key: DataKey = currentDataKey(),
): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.key, iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const body = Buffer.concat([
    cipher.update(plaintext, "utf8"),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return [version, key.id, iv.toString("base64url"), body.toString("base64url")].join(".");
}

export function decryptText(envelope: string, associatedData: string, key?: DataKey): string {
  const [v, keyId, ivText, bodyText] = envelope.split(".");
  if (v !== version || !keyId || !ivText || !bodyText)
    throw new Error("Unreadable encrypted value.");
  if (key && key.id !== keyId) throw new Error("The value is not under this key.");
  return open(
    key ?? dataKey(keyId),
    Buffer.from(ivText, "base64url"),
    Buffer.from(bodyText, "base64url"),
    associatedData,
  ).toString("utf8");
}

// Files are too large for a text envelope: the same cipher over bytes, stored as
//   iv (12 bytes) ‖ ciphertext ‖ tag (16 bytes)
// with the key id in a column of its own (Attachment.keyId) so rotation can find them.

export function encryptBytes(
  plaintext: Uint8Array,
  associatedData: string,
  key: DataKey = currentDataKey(),
): { keyId: string; content: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.key, iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  return {
    keyId: key.id,
    content: Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]),
  };
}

export function decryptBytes(
  content: Uint8Array,
  keyId: string,
  associatedData: string,
  key?: DataKey,
): Buffer {
  if (content.length < 28) throw new Error("Unreadable encrypted value.");
  if (key && key.id !== keyId) throw new Error("The value is not under this key.");
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  return open(key ?? dataKey(keyId), bytes.subarray(0, 12), bytes.subarray(12), associatedData);
}

function dataKey(keyId: string): DataKey {
  // A value under a report's own key (or a waiting file's) never opens with a server key, even
  // if one were configured under the same id (secrets.ts refuses such ids).
  if (isSealedKeyId(keyId)) throw new Error("The value is sealed to its report's key.");
  const key = [currentDataKey(), ...previousDataKeys()].find((candidate) => candidate.id === keyId);
  if (!key) throw new Error(`No data key with id ${keyId} is configured.`);
  return key;
}

/** Decrypts ciphertext ‖ tag; a wrong key, associated data or a changed byte throws. */
function open(key: DataKey, iv: Buffer, body: Buffer, associatedData: string): Buffer {
  if (body.length < 16) throw new Error("Unreadable encrypted value.");
  const decipher = createDecipheriv("aes-256-gcm", key.key, iv);
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
}

export function keyIdOf(envelope: string): string | undefined {
  return envelope.split(".")[1];
}

/**
 * Key ids that are not server keys: "report", a report's own content key (lib/reports/report-keys.ts),
 * and "waiting", a key only a form's own post carries (lib/attachments/waiting-key.ts). Values under
 * them never open through the server's keys, and server-key rotation leaves them alone.
 */
export const sealedKeyIds = ["report", "waiting", "thread"] as const;

export function isSealedKeyId(keyId: string | undefined): boolean {
  return (sealedKeyIds as readonly (string | undefined)[]).includes(keyId);
}
