import "server-only";
import { newKey, openSealedKey, sealKey, unwrapKey, wrapKey } from "@/lib/crypto/sealing";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { bytes } from "@/lib/keys/member-keys";
import type { OrganizationKeyPair } from "@/lib/keys/organization-keys";
import type { ReportData } from "@/lib/validation/report";
import { extractIdentifiers, type Identifier } from "./identifiers";

// A new report's identifiers wait, sealed to the police's current key, until a triage session
// (which holds that key and so the index key) digests them (index-reports.ts). The server that
// stores them cannot read them back: a random key, sealed to the police, encrypts the list.

/** More than this in one report is a pasted list, not a tip: the first ones are kept. */
const maxWaitingIdentifiers = 50;

/** The sealed key is bound to its report and to the organisation key it is sealed to. */
export const waitingContext = (reportId: string) => (organizationKeyId: string) =>
  `waiting-identifiers:${reportId}:${organizationKeyId}`;
const payloadData = (reportId: string) => `waiting-identifiers:${reportId}:payload`;

/**
 * The answers identifiers are taken from: what happened and where. Not the reporter's own contact
 * details: they name the reporter, not whoever the report is about, and an index of them would let
 * whoever holds the index key test whether someone reported.
 */
function answerTexts(data: Pick<ReportData, "description" | "placeDetails">) {
  return [data.description, data.placeDetails];
}

/**
 * The write that keeps a new report's identifiers waiting, for createReport's transaction, sealed
 * to the police's current key (the one the report's content key is sealed to: no report is stored
 * before the police have one). None when the answers name no identifier.
 */
export async function waitingIdentifierWrites(
  reportId: string,
  data: Pick<ReportData, "description" | "placeDetails">,
  police: { id: string; publicKey: Uint8Array },
): Promise<Prisma.PrismaPromise<unknown>[]> {
  const identifiers = extractIdentifiers(answerTexts(data)).slice(0, maxWaitingIdentifiers);
  if (!identifiers.length) return [];
  const key = newKey();
  const sealedKey = await sealKey(key, police.publicKey, waitingContext(reportId)(police.id));
  const payload = wrapKey(
    Buffer.from(JSON.stringify(identifiers), "utf8"),
    key,
    payloadData(reportId),
  );
  return [
    db.waitingReportIdentifiers.create({
      data: {
        reportId,
        organizationKeyId: police.id,
        sealedKey: bytes(sealedKey),
        payload: bytes(payload),
      },
      select: { reportId: true },
    }),
  ];
}

/** A waiting row's identifiers, opened with the organisation key it is sealed to (SealError if not). */
export async function openWaitingIdentifiers(
  row: { reportId: string; organizationKeyId: string; sealedKey: Uint8Array; payload: Uint8Array },
  key: OrganizationKeyPair,
): Promise<Identifier[]> {
  const opened = await openSealedKey(
    row.sealedKey,
    key,
    waitingContext(row.reportId)(row.organizationKeyId),
  );
  return JSON.parse(
    unwrapKey(row.payload, opened, payloadData(row.reportId)).toString("utf8"),
  ) as Identifier[];
}
