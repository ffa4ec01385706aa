import "server-only";
import { decryptBytes, decryptText, isSealedKeyId, keyIdOf } from "@/lib/crypto/encryption";
import type { DataKey } from "@/lib/crypto/secrets";
import { newKey, openSealedKey, SealError, sealKey } from "@/lib/crypto/sealing";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { triageOrganizationSlug } from "@/lib/followup/threads";
import { bytes } from "@/lib/keys/member-keys";
import type { OrganizationKeyPair } from "@/lib/keys/organization-keys";
import { log } from "@/lib/log";

// A report's content key (SECURITY.md, "Sealed reports"): 32 random bytes made at submission,
// under which the report's fields, its referrals' notes to recipients and the files sent with it
// are encrypted (AES-256-GCM, the same associated data as under the server key, envelope key id
// "report"). It is stored only sealed to organisation public keys (ReportKey): the police's at
// submission, each receiving organisation's at routing. The server forgets it when the request
// ends; reading a report needs an organisation key a signed-in member's session holds.
//
// Reports stored before this (no ReportKey row, values under a server key id) stay readable
// through the server key until `npm run keys:seal-legacy` moves them.

const contentKeyId = "report";

/** What a report's content key is sealed with, to one organisation key: report and key named. */
export const reportKeyContext = (reportId: string, organizationKeyId: string) =>
  `report:${reportId}:content-key:${organizationKeyId}`;

type Tx = Prisma.TransactionClient | typeof db;
type PublicOrganizationKey = { id: string; publicKey: Uint8Array };

/** A new report's content key, as encryptText/encryptBytes take it. */
export function newContentKey(): DataKey {
  return { id: contentKeyId, key: newKey() };
}

/** The police's current public key: where every new report is sealed first. Null before keys are made. */
export function findTriageOrganizationKey(tx: Tx = db) {
  return tx.organizationKey.findFirst({
    where: { organization: { slug: triageOrganizationSlug }, retiredAt: null },
    select: { id: true, publicKey: true },
  });
}

/**
 * Whether the form can take a report now: the police have a key to seal it to. Asked by the form's
 * page to say so before anyone types; a database that does not answer counts as open (the page
 * still renders at once, and a post then says what went wrong, keeping what was typed).
 */
export async function reportingIsOpen(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  // A database slow to answer does not hold the form back either: after a second, it counts as open.
  const unanswered = new Promise<true>((resolve) => {
    timer = setTimeout(() => resolve(true), 1_000);
  });
  try {
    return await Promise.race([
      findTriageOrganizationKey().then((key) => key !== null),
      unanswered,
    ]);
  } catch {
    return true;
  } finally {
    clearTimeout(timer);
  }
}

/** A ReportKey row: the content key sealed to one organisation key. Needs only its public part. */
export async function sealedReportKey(
  reportId: string,
  contentKey: DataKey,
  organizationKey: PublicOrganizationKey,
): Promise<Prisma.ReportKeyCreateManyInput> {
  const sealed = await sealKey(
    contentKey.key,
    organizationKey.publicKey,
    reportKeyContext(reportId, organizationKey.id),
  );
  return { reportId, organizationKeyId: organizationKey.id, sealed: bytes(sealed) };
}

type SealedRow = { id: string; organizationKeyId: string; sealed: Uint8Array };

/** The first of these sealed copies that one of `keys` opens, or null. */
async function openFirst(
  reportId: string,
  rows: SealedRow[],
  keys: OrganizationKeyPair[],
): Promise<DataKey | null> {
  for (const row of rows) {
    const pair = keys.find((key) => key.organizationKeyId === row.organizationKeyId);
    if (!pair) continue;
    try {
      const key = await openSealedKey(
        row.sealed,
        pair,
        reportKeyContext(reportId, pair.organizationKeyId),
      );
      return { id: contentKeyId, key };
    } catch (error) {
      if (!(error instanceof SealError)) throw error;
      log.warn("reports.reportKeyUnopenable", { reportKeyId: row.id });
    }
  }
  return null;
}

const sealedRowSelect = { id: true, organizationKeyId: true, sealed: true } as const;

/**
 * The report's content key opened with one of the organisation keys given (a session's), or null:
 * the report is not sealed to any of them, or a sealed copy does not open (tampered, moved).
 */
export async function openContentKey(
  reportId: string,
  keys: OrganizationKeyPair[],
  tx: Tx = db,
): Promise<DataKey | null> {
  if (!keys.length) return null;
  const rows = await tx.reportKey.findMany({
    where: { reportId, organizationKeyId: { in: keys.map((key) => key.organizationKeyId) } },
    select: sealedRowSelect,
  });
  return openFirst(reportId, rows, keys);
}

/**
 * For code that writes a report's values: whether the report is sealed at all (a report stored
 * before sealed reports has no ReportKey row and stays on the server key), and if so its content
 * key opened with `keys` (null: none of them opens it, and nothing may be written). One query.
 */
export async function contentKeyForWriting(
  reportId: string,
  keys: OrganizationKeyPair[],
  tx: Tx = db,
): Promise<{ sealed: false } | { sealed: true; key: DataKey | null }> {
  const rows = await tx.reportKey.findMany({ where: { reportId }, select: sealedRowSelect });
  if (!rows.length) return { sealed: false };
  return { sealed: true, key: await openFirst(reportId, rows, keys) };
}

/**
 * Reads a report's values: those under its content key with `contentKey` (null when the caller
 * holds none: the value reads as null, "sealed"), older ones under the server key as before. A
 * value that does not open (changed, moved to another row) throws: it is never shown out of place.
 */
export function contentReader(contentKey: DataKey | null) {
  const sealed = (keyId: string | undefined) => isSealedKeyId(keyId) && !contentKey;
  return {
    text(value: string | null, aad: string): string | null {
      if (value === null || sealed(keyIdOf(value))) return null;
      return isSealedKeyId(keyIdOf(value))
        ? decryptText(value, aad, contentKey!)
        : decryptText(value, aad);
    },
    bytes(content: Uint8Array, keyId: string, aad: string): Buffer | null {
      if (sealed(keyId)) return null;
      return isSealedKeyId(keyId)
        ? decryptBytes(content, keyId, aad, contentKey!)
        : decryptBytes(content, keyId, aad);
    },
    /** Whether a value stays closed to this reader. */
    closed(value: string | null): boolean {
      return value !== null && sealed(keyIdOf(value));
    },
  };
}

export type ContentReader = ReturnType<typeof contentReader>;
