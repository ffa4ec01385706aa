import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { currentDataKey, previousDataKeys, type DataKey } from "./secrets";

// AES-256-GCM for report content at rest. The envelope names its key so keys can rotate:
//   v1.<key id>.<iv, base64url>.<ciphertext + tag, base64url>
// The associated data binds a value to its row and column, so a value copied into another
// report or field fails to decrypt instead of being shown out of place.

const version = "v1";

export function encryptText(plaintext: string, associatedData: string, key: DataKey = currentDataKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.key, iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [version, key.id, iv.toString("base64url"), body.toString("base64url")].join(".");
}

export function decryptText(envelope: string, associatedData: string): string {
  const [v, keyId, ivText, bodyText] = envelope.split(".");
  if (v !== version || !keyId || !ivText || !bodyText) throw new Error("Unreadable encrypted value.");
  const key = [currentDataKey(), ...previousDataKeys()].find((candidate) => candidate.id === keyId);
  if (!key) throw new Error(`No data key with id ${keyId} is configured.`);
  const body = Buffer.from(bodyText, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(ivText, "base64url"));
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString("utf8");
}

export function keyIdOf(envelope: string): string | undefined {
  return envelope.split(".")[1];
}
