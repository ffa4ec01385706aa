import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { encryptText } from "@/lib/crypto/encryption";
import { db } from "@/lib/db";
import { openThreadKeys, threadKeyForWriting, threadName } from "@/lib/followup/thread-keys";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrganizationKeyPair } from "@/lib/keys/organization-keys";
import { contentReader } from "@/lib/reports/report-keys";

// Notes on a referral: what triage tells the receiving organisation, and what that organisation
// answers. Seen by triage and by that organisation only: sealed to the police's key and that
// organisation's, under the referral's notes key (lib/followup/thread-keys.ts, "referral"). Writing one touches no referral and no
// report status: a note can never route. Scope is in every WHERE; a referral outside it is not found.

/** The referrals whose notes a staff member may read and write: none unless the permission allows. */
function referralScope(user: StaffUser): Prisma.ReferralWhereInput | null {
  if (!can(user.role, "referrals.note")) return null;
  if (can(user.role, "reports.read.all")) return {};
  return user.organizationId ? { organizationId: user.organizationId } : null;
}

/** Adds a note to a referral in the caller's scope; false when it is not (or does not exist). */
export async function addReferralNote(
  referralId: string,
  body: string,
  user: StaffUser,
  keys: OrganizationKeyPair[],
): Promise<boolean> {
  const scope = referralScope(user);
  if (!scope) return false;
  return db.$transaction(async (tx) => {
    const referral = await tx.referral.findFirst({
      where: { AND: [{ id: referralId }, scope] },
      select: { reportId: true, organizationId: true },
    });
    if (!referral) return false;
    const sealing = await threadKeyForWriting(
      tx,
      { reportId: referral.reportId, organizationId: referral.organizationId, purpose: "referral" },
      { organizationKeys: keys },
    );
    if (!sealing?.key) return false;
    const id = crypto.randomUUID();
    await tx.note.create({
      data: {
        id,
        reportId: referral.reportId,
        referralId,
        // The organisation whose staff may read it: always the referral's, whoever wrote it.
        organizationId: referral.organizationId,
        authorId: user.id,
        body: encryptText(body, rowAad("Note", "body", id), sealing.key),
      },
      select: { id: true },
    });
    await recordAudit(
      {
        action: "referral.noteAdded",
        actorKind: "STAFF",
        actorId: user.id,
        reportId: referral.reportId,
        detail: { referralId },
      },
      tx,
    );
    return true;
  });
}

/**
 * The notes on a report's referrals that the caller may read, keyed by referral id, opened with
 * the session's `keys` (a note they do not open has a null body).
 */
export async function listReferralNotes(
  reportId: string,
  user: StaffUser,
  keys: OrganizationKeyPair[],
) {
  const scope = referralScope(user);
  const byReferral = new Map<
    string,
    { id: string; author: string; body: string | null; createdAt: Date }[]
  >();
  if (!scope) return byReferral;
  const notes = await db.note.findMany({
    where: { reportId, referralId: { not: null }, referral: scope },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    omit: { body: false },
    include: { author: { select: { name: true } } },
  });
  const threadKeys = notes.length
    ? await openThreadKeys(reportId, { organizationKeys: keys }, ["referral"])
    : new Map();
  for (const note of notes) {
    const list = byReferral.get(note.referralId!) ?? [];
    const key = threadKeys.get(threadName(note.organizationId ?? "", "referral")) ?? null;
    list.push({
      id: note.id,
      author: note.author.name,
      body: contentReader(key).text(note.body, rowAad("Note", "body", note.id)),
      createdAt: note.createdAt,
    });
    byReferral.set(note.referralId!, list);
  }
  return byReferral;
}
