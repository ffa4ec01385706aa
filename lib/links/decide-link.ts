import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { linkPair } from "./list-links";

export type LinkDecision = "CONFIRMED" | "DISMISSED";

/**
 * Confirms or dismisses the possible link between two reports (triage). Only a pair that shares
 * an index can be decided; the decision is stored once per pair and stays until triage changes it:
 * new identifiers never bring a dismissed link back. Audited on both reports.
 */
export async function decideLink(
  user: StaffUser,
  reportId: string,
  otherReportId: string,
  status: LinkDecision,
): Promise<"done" | "notFound"> {
  if (!can(user.role, "links.decide") || reportId === otherReportId) return "notFound";
  const shared = await db.reportIdentifier.count({
    where: {
      reportId: otherReportId,
      digest: {
        in: (
          await db.reportIdentifier.findMany({ where: { reportId }, select: { digest: true } })
        ).map((row) => row.digest),
      },
    },
  });
  if (!shared) return "notFound";
  const pair = linkPair(reportId, otherReportId);
  await db.$transaction(async (tx) => {
    await tx.reportLink.upsert({
      where: { firstId_secondId: pair },
      create: { ...pair, status, decidedById: user.id },
      update: { status, decidedById: user.id, decidedAt: new Date() },
      select: { id: true },
    });
    const action = status === "CONFIRMED" ? "links.confirmed" : "links.dismissed";
    for (const [id, other] of [
      [reportId, otherReportId],
      [otherReportId, reportId],
    ] as const)
      await recordAudit(
        { action, actorKind: "STAFF", actorId: user.id, reportId: id, detail: { other } },
        tx,
      );
  });
  return "done";
}
