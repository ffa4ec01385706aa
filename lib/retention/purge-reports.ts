import "server-only";
import { db } from "@/lib/db";
import { retention } from "@/lib/config";
import { formatReference } from "@/lib/reports/reference";

// Closed and spam reports are deleted after their retention period: what is not kept cannot leak.
//
// - CLOSED: RETENTION_CLOSED_DAYS (default 180) after `closedAt`.
// - SPAM: RETENTION_SPAM_DAYS (default 30) after `closedAt`, or after `createdAt` while marking a
//   report as spam does not yet set `closedAt` (the triage screens will; then the clock starts
//   when it was marked, as it should). Counting from `createdAt` can only purge a spam report
//   sooner, never keep one longer.
//
// Deleting a report sets `reportId` to NULL on its audit events (the foreign key's ON DELETE SET
// NULL), and one `report.purged` event is written in the same transaction: the audit log keeps
// that report TR-…-n existed and was purged, and nothing of what it said.

const dayMs = 24 * 60 * 60 * 1000;

export type PurgeOptions = {
  now?: Date;
  closedDays?: number;
  spamDays?: number;
  /** Reports deleted per transaction: short transactions, and an interrupted run loses nothing. */
  batchSize?: number;
};

export type PurgeResult = { purged: number; batches: number; abandonedFiles: number };

/** Files kept for a report form that was never sent go after a day. */
const abandonedFileHours = 24;

export async function purgeExpiredReports(options: PurgeOptions = {}): Promise<PurgeResult> {
  const now = options.now ?? new Date();
  const closedBefore = new Date(
    now.getTime() - (options.closedDays ?? retention.closedDays()) * dayMs,
  ).toISOString();
  const spamBefore = new Date(
    now.getTime() - (options.spamDays ?? retention.spamDays()) * dayMs,
  ).toISOString();
  const batchSize = options.batchSize ?? 500;

  let purged = 0;
  let batches = 0;
  for (;;) {
    const count = await db.$transaction(async (tx) => {
      // Timestamps are stored as UTC without a zone (Prisma's convention): compare in UTC whatever
      // the session's time zone. SKIP LOCKED: a report being edited right now waits for the next run.
      const rows = await tx.$queryRaw<
        { id: string; number: number; status: string; createdAt: Date }[]
      >`
        SELECT id, number, status::text AS status, "createdAt" FROM "Report"
        WHERE (status = 'CLOSED' AND "closedAt" < (${closedBefore}::timestamptz AT TIME ZONE 'UTC'))
           OR (status = 'SPAM' AND COALESCE("closedAt", "createdAt") < (${spamBefore}::timestamptz AT TIME ZONE 'UTC'))
        ORDER BY "createdAt"
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return 0;
      await tx.report.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } });
      await tx.auditEvent.createMany({
        data: rows.map((row) => ({
          actorKind: "SYSTEM" as const,
          action: "report.purged",
          detail: { reference: formatReference(row.number, row.createdAt), status: row.status },
        })),
      });
      return rows.length;
    });
    if (count === 0) break;
    purged += count;
    batches++;
  }
  // (A report's own files, messages and referrals go with it: their foreign keys cascade.)
  const { count: abandonedFiles } = await db.attachment.deleteMany({
    where: {
      pendingSubmissionId: { not: null },
      createdAt: { lt: new Date(now.getTime() - abandonedFileHours * 60 * 60 * 1000) },
    },
  });
  return { purged, batches, abandonedFiles };
}
