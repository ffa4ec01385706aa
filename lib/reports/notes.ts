import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { StaffUser } from "@/lib/auth/session";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { encryptText } from "@/lib/crypto/encryption";
import { db } from "@/lib/db";
import { reportScope } from "./report-scope";

/** Adds an internal note to a report in the author's scope; visible to triage and the author's organisation. */
export async function addNote(reportId: string, body: string, user: StaffUser): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const inScope = await tx.report.count({
      where: { AND: [{ id: reportId }, reportScope(user)] },
    });
    if (!inScope) return false;
    const id = crypto.randomUUID();
    await tx.note.create({
      data: {
        id,
        reportId,
        authorId: user.id,
        organizationId: user.organizationId,
        body: encryptText(body, rowAad("Note", "body", id)),
      },
      select: { id: true },
    });
    await recordAudit(
      { action: "report.noteAdded", actorKind: "STAFF", actorId: user.id, reportId },
      tx,
    );
    return true;
  });
}
