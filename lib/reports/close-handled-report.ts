import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { statusesAllowing } from "@/lib/triage/status";

// A report follows its referrals: once every organisation it was routed to has closed its
// referral with an outcome, the report is closed (the outcomes say how; no close reason is
// written). Triage can reopen it (lib/reports/change-status.ts).

/**
 * Takes the report's row lock for the rest of the transaction. Whoever changes a report's
 * referrals and then decides about the report takes it first, so two such decisions never rest
 * on each other's uncommitted state (READ COMMITTED would let both see the other's referral open).
 */
export async function lockReport(tx: Prisma.TransactionClient, reportId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Report" WHERE id = ${reportId}::uuid FOR UPDATE`;
}

/**
 * Closes the report if none of its referrals is open. Only a report still in its referred state
 * follows its referrals: one triage has taken back (IN_TRIAGE) or already closed is triage's to
 * decide, and the guarded UPDATE changes no row then. Call with the report locked (lockReport).
 * Returns whether the report was closed by this call.
 */
export async function closeHandledReport(
  tx: Prisma.TransactionClient,
  reportId: string,
  actorId: string,
): Promise<boolean> {
  const open = await tx.referral.count({ where: { reportId, closedAt: null } });
  if (open > 0) return false;
  const moved = await tx.report.updateMany({
    where: {
      id: reportId,
      referrals: { some: {} },
      status: { in: statusesAllowing("CLOSED").filter((from) => from === "REFERRED") },
    },
    data: { status: "CLOSED", closedAt: new Date() },
  });
  if (moved.count !== 1) return false;
  await recordAudit(
    {
      action: "report.status.CLOSED",
      actorKind: "STAFF",
      actorId,
      reportId,
      detail: { cause: "referralsClosed" },
    },
    tx,
  );
  return true;
}
