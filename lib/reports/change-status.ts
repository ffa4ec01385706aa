import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { encryptText } from "@/lib/crypto/encryption";
import { db } from "@/lib/db";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { finalStatuses, statusesAllowing } from "@/lib/triage/status";
import type { OrganizationKeyPair } from "@/lib/keys/organization-keys";
import { contentKeyForWriting } from "./report-keys";

/**
 * Moves reports to IN_TRIAGE, CLOSED or SPAM (routing is the way to REFERRED). Each report moves
 * only if its current status allows it; closing and spam need a reason. IN_TRIAGE on a closed or
 * spam report reopens it: its closing time and reason go (the audit keeps that it was closed),
 * its referrals stay as they were. The reason of a sealed report is encrypted under its content
 * key, opened with the officer's session keys (`keys`); a sealed report they do not open does not
 * move. Returns how many moved.
 */
export async function changeStatus(options: {
  reportIds: string[];
  to: "IN_TRIAGE" | "CLOSED" | "SPAM";
  reason?: string;
  officerId: string;
  keys: OrganizationKeyPair[];
}): Promise<number> {
  const final = options.to !== "IN_TRIAGE";
  if (final && !options.reason?.trim())
    throw new Error("A reason is required to close a report or mark it as spam.");
  return db.$transaction(async (tx) => {
    let moved = 0;
    for (const reportId of [...new Set(options.reportIds)]) {
      if (options.to === "IN_TRIAGE") {
        const reopened = await tx.report.updateMany({
          where: {
            id: reportId,
            status: { in: statusesAllowing("IN_TRIAGE").filter((s) => finalStatuses.includes(s)) },
          },
          data: { status: "IN_TRIAGE", closedAt: null, closeReason: null },
        });
        if (reopened.count === 1) {
          moved++;
          await recordAudit(
            { action: "report.reopened", actorKind: "STAFF", actorId: options.officerId, reportId },
            tx,
          );
          continue;
        }
      }
      const content = final ? await contentKeyForWriting(reportId, options.keys, tx) : null;
      if (content?.sealed && !content.key) continue;
      const contentKey = content?.sealed ? content.key : null;
      const result = await tx.report.updateMany({
        // Reopening is the branch above alone, so a report is never reopened with its closing kept.
        where: {
          id: reportId,
          status: { in: statusesAllowing(options.to).filter((s) => !finalStatuses.includes(s)) },
        },
        data: {
          status: options.to,
          closedAt: final ? new Date() : undefined,
          closeReason: final
            ? encryptText(
                options.reason!.trim(),
                rowAad("Report", "closeReason", reportId),
                contentKey ?? undefined,
              )
            : undefined,
        },
      });
      if (result.count !== 1) continue;
      moved++;
      await recordAudit(
        {
          action: `report.status.${options.to}`,
          actorKind: "STAFF",
          actorId: options.officerId,
          reportId,
        },
        tx,
      );
    }
    return moved;
  });
}
