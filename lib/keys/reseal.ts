import "server-only";
import { openSealedKey, sealKey } from "@/lib/crypto/sealing";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { threadKeyContext, type ThreadPurpose } from "@/lib/followup/thread-keys";
import { linkIndexKeyContext } from "@/lib/links/index-key";
import { waitingContext } from "@/lib/links/waiting-identifiers";
import { log } from "@/lib/log";
import { reportKeyContext } from "@/lib/reports/report-keys";
import { bytes } from "./member-keys";
import type { OrganizationKeyPair } from "./organization-keys";

// Everything sealed to an organisation key, in one list: each table whose rows hold a key sealed
// to an organisation's public key says here how to find its rows, what each is bound to, and how
// to store it sealed again. Rotating a key (rotate-organization-key.ts) walks this list; a table
// missing from it would stay readable by the old key after a rotation, so every table that seals
// to an organisation key belongs here.

/** `context(organizationKeyId)`: the associated data the row's key is sealed with to that key. */
type SealedRow = { id: string; sealed: Uint8Array; context: (organizationKeyId: string) => string };
type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

type OrganizationSealedTable = {
  name: string;
  /** Up to `take` rows still sealed to this organisation key. */
  rowsSealedTo: (tx: Tx, organizationKeyId: string, take: number) => Promise<SealedRow[]>;
  /** Stores the row's key sealed again, now to `organizationKeyId`. */
  store: (tx: Tx, id: string, sealed: Uint8Array, organizationKeyId: string) => Promise<void>;
};

const organizationSealedTables: OrganizationSealedTable[] = [
  // The link index key (lib/links/index-key.ts): moved, never replaced, so digests stay valid.
  {
    name: "LinkIndexKey",
    rowsSealedTo: async (tx, organizationKeyId, take) =>
      (
        await tx.linkIndexKey.findMany({
          where: { organizationKeyId },
          take,
          select: { id: true, sealedKey: true },
        })
      ).map((row) => ({ id: row.id, sealed: row.sealedKey, context: linkIndexKeyContext })),
    store: async (tx, id, sealed, organizationKeyId) => {
      await tx.linkIndexKey.update({
        where: { id },
        data: { sealedKey: bytes(sealed), organizationKeyId },
        select: { id: true },
      });
    },
  },
  // Identifiers waiting for triage (lib/links/waiting-identifiers.ts).
  {
    name: "WaitingReportIdentifiers",
    rowsSealedTo: async (tx, organizationKeyId, take) =>
      (
        await tx.waitingReportIdentifiers.findMany({
          where: { organizationKeyId },
          take,
          select: { reportId: true, sealedKey: true },
        })
      ).map((row) => ({
        id: row.reportId,
        sealed: row.sealedKey,
        context: waitingContext(row.reportId),
      })),
    store: async (tx, reportId, sealed, organizationKeyId) => {
      await tx.waitingReportIdentifiers.update({
        where: { reportId },
        data: { sealedKey: bytes(sealed), organizationKeyId },
        select: { reportId: true },
      });
    },
  },
  {
    // Reports' content keys (lib/reports/report-keys.ts; the context is reportKeyContext's).
    name: "ReportKey",
    rowsSealedTo: async (tx, organizationKeyId, take) => {
      const rows = await tx.reportKey.findMany({
        where: { organizationKeyId },
        select: { id: true, reportId: true, sealed: true },
        orderBy: { id: "asc" },
        take,
      });
      return rows.map((row) => ({
        id: row.id,
        sealed: row.sealed,
        context: (keyId: string) => reportKeyContext(row.reportId, keyId),
      }));
    },
    store: async (tx, id, sealed, organizationKeyId) => {
      await tx.reportKey.update({
        where: { id },
        data: { sealed: bytes(sealed), organizationKeyId },
      });
    },
  },
  {
    // Keys of conversations, internal notes and referral notes (lib/followup/thread-keys.ts): the
    // organisation copies move; the reporter's copy is not sealed to an organisation key.
    name: "ThreadKey",
    rowsSealedTo: async (tx, organizationKeyId, take) => {
      const rows = await tx.threadKey.findMany({
        where: { organizationKeyId },
        select: { id: true, reportId: true, organizationId: true, purpose: true, sealed: true },
        orderBy: { id: "asc" },
        take,
      });
      return rows.map((row) => ({
        id: row.id,
        sealed: row.sealed,
        context: (keyId: string) =>
          threadKeyContext(
            {
              reportId: row.reportId,
              organizationId: row.organizationId,
              purpose: row.purpose as ThreadPurpose,
            },
            keyId,
          ),
      }));
    },
    store: async (tx, id, sealed, organizationKeyId) => {
      await tx.threadKey.update({
        where: { id },
        data: { sealed: bytes(sealed), organizationKeyId, recipient: organizationKeyId },
      });
    },
  },
];

const batch = 200;

/**
 * Seals again to `next` everything sealed to `previous`, a batch per transaction (a failure
 * leaves the rest sealed to `previous`, still readable, and rotating again finishes it), then
 * deletes `previous` with its grants and recovery copy (the tables' foreign keys to it must
 * restrict deletes, never cascade).
 */
export async function resealToNewKey(
  previous: OrganizationKeyPair,
  next: OrganizationKeyPair,
): Promise<number> {
  let moved = 0;
  for (const table of organizationSealedTables) {
    for (;;) {
      const count = await db.$transaction(async (tx) => {
        const rows = await table.rowsSealedTo(tx, previous.organizationKeyId, batch);
        for (const row of rows) {
          const key = await openSealedKey(
            row.sealed,
            previous,
            row.context(previous.organizationKeyId),
          );
          const sealed = await sealKey(key, next.publicKey, row.context(next.organizationKeyId));
          await table.store(tx, row.id, bytes(sealed), next.organizationKeyId);
        }
        return rows.length;
      });
      moved += count;
      if (count < batch) break;
    }
  }
  // A row sealed to `previous` in the meantime (a submission that read the key just before it
  // was retired) keeps it: the tables' foreign keys restrict the delete, and the next rotation
  // moves that row and deletes it then.
  try {
    await db.organizationKey.delete({ where: { id: previous.organizationKeyId } });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError)) throw error;
    log.warn("keys.retiredKeyKept", { organizationKeyId: previous.organizationKeyId });
  }
  return moved;
}
