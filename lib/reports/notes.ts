import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { StaffUser } from "@/lib/auth/session";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { encryptText } from "@/lib/crypto/encryption";
import { db } from "@/lib/db";
import { ownThreadOrganizationId } from "@/lib/followup/threads";
import { threadKeyForWriting } from "@/lib/followup/thread-keys";
import type { OrganizationKeyPair } from "@/lib/keys/organization-keys";
import { reportScope } from "./report-scope";

/**
 * Adds an internal note to a report in the author's scope, sealed to the author's organisation
 * (the police's for triage) under its notes key (lib/followup/thread-keys.ts): only that
 * organisation reads it. False, and nothing written, out of scope or without the key.
 */
export async function addNote(
  reportId: string,
  body: string,
  user: StaffUser,
  keys: OrganizationKeyPair[],
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const inScope = await tx.report.count({
      where: { AND: [{ id: reportId }, reportScope(user)] },
    });
    const organizationId = inScope ? await ownThreadOrganizationId(user, tx) : null;
    if (!organizationId) return false;
    const sealing = await threadKeyForWriting(
      tx,
      { reportId, organizationId, purpose: "notes" },
      { organizationKeys: keys },
    );
    if (!sealing?.key) return false;
    const id = crypto.randomUUID();
    await tx.note.create({
      data: {
        id,
        reportId,
        authorId: user.id,
        organizationId,
        body: encryptText(body, rowAad("Note", "body", id), sealing.key),
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
