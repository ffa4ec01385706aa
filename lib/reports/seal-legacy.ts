import "server-only";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { moveFileUnderKey } from "@/lib/attachments/store";
import { decryptText, encryptText } from "@/lib/crypto/encryption";
import { db } from "@/lib/db";
import { threadKeyForWriting, type Thread } from "@/lib/followup/thread-keys";
import { triageOrganizationSlug } from "@/lib/followup/threads";
import { findTriageOrganizationKey, newContentKey, sealedReportKey } from "./report-keys";

// `npm run keys:seal-legacy`: moves reports stored before sealed reports (every value under the
// server's data key, no ReportKey row) to a content key of their own, sealed to the police's
// current key and to the current key of every organisation the report was routed to. Sealing
// needs only public keys, so the server can do it unattended. One transaction per report: a
// report is either moved whole (values and sealed keys) or not at all, and a run stopped at any
// point is continued by running it again. A report routed to an organisation that has no keys
// yet is left as it is and counted, until that organisation makes them.

export type SealLegacyResult = {
  sealed: number;
  /** Reports still under the server key: waiting for an organisation's keys, or busy. */
  remaining: number;
  /** Organisations whose missing keys hold reports back. */
  waitingFor: string[];
};

export async function sealLegacyReports({
  onReport,
}: { onReport?: (sealed: number) => void } = {}): Promise<SealLegacyResult> {
  const police = await findTriageOrganizationKey();
  if (!police) throw new Error("The police have no key yet: make it on the Keys page first.");
  let sealed = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  const waitingFor = new Set<string>();
  for (;;) {
    const next = await db.report.findFirst({
      where: { id: { gt: after }, keys: { none: {} } },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    if (!next) break;
    after = next.id;
    if (!(await sealOne(next.id, police, waitingFor))) continue;
    sealed++;
    onReport?.(sealed);
  }
  const remaining = await db.report.count({ where: { keys: { none: {} } } });
  return { sealed, remaining, waitingFor: [...waitingFor] };
}

async function sealOne(
  reportId: string,
  police: { id: string; publicKey: Uint8Array },
  waitingFor: Set<string>,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    // The lock: a report being moved by another run (or written by staff) is left for the next.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM "Report" WHERE id = ${reportId}::uuid
      AND NOT EXISTS (SELECT 1 FROM "ReportKey" WHERE "reportId" = ${reportId}::uuid)
      FOR UPDATE SKIP LOCKED`;
    if (locked.length === 0) return false;
    const report = await tx.report.findUniqueOrThrow({
      where: { id: reportId },
      select: { description: true, contact: true, placeDetails: true, closeReason: true },
    });
    const referrals = await tx.referral.findMany({
      where: { reportId },
      select: {
        id: true,
        note: true,
        organization: {
          select: {
            slug: true,
            keys: { where: { retiredAt: null }, select: { id: true, publicKey: true } },
          },
        },
      },
    });
    const missing = referrals.filter((referral) => referral.organization.keys.length === 0);
    if (missing.length) {
      for (const referral of missing) waitingFor.add(referral.organization.slug);
      return false;
    }
    const key = newContentKey();
    const move = (value: string | null, aad: string) =>
      value === null ? null : encryptText(decryptText(value, aad), aad, key);
    await tx.report.update({
      where: { id: reportId },
      data: {
        description: move(report.description, rowAad("Report", "description", reportId))!,
        contact: move(report.contact, rowAad("Report", "contact", reportId)),
        placeDetails: move(report.placeDetails, rowAad("Report", "placeDetails", reportId)),
        closeReason: move(report.closeReason, rowAad("Report", "closeReason", reportId)),
      },
    });
    for (const referral of referrals)
      if (referral.note !== null)
        await tx.referral.update({
          where: { id: referral.id },
          data: { note: move(referral.note, rowAad("Referral", "note", referral.id)) },
        });
    // The report's own files; files sent with replies belong to the follow-up thread.
    const files = await tx.attachment.findMany({
      where: { reportId, messageId: null },
      select: { id: true },
    });
    for (const { id } of files) await moveFileUnderKey(tx, id, key);
    const holders = [police, ...referrals.map((referral) => referral.organization.keys[0]!)];
    const rows = await Promise.all(holders.map((holder) => sealedReportKey(reportId, key, holder)));
    await tx.reportKey.createMany({ data: rows, skipDuplicates: true });
    return true;
  });
}

export type SealLegacyThreadsResult = {
  /** Conversations and notes moved under a thread key of their own. */
  sealed: number;
  /** Still under the server key: an organisation without keys, or a thread already sealed. */
  remaining: number;
  /**
   * Conversations of reports whose reporter has not come back since sealed conversations: the
   * receipt is not stored, so there is no reporter key to seal to yet. They move when the reporter
   * next enters the receipt and anyone writes in the thread (lib/followup/thread-keys.ts).
   */
  waitingForReporter: number;
  /** Organisations whose missing keys hold threads back. */
  waitingFor: string[];
};

const serverKeyValue = { not: { startsWith: "v1.thread." } };

/**
 * The second half of `npm run keys:seal-legacy`: conversations, internal notes and referral notes
 * still under the server key get a thread key of their own (sealed to their organisation, the
 * police for referral notes, the reporter for conversations) and move under it, one thread per
 * transaction, exactly as the thread's first sealed entry would move them.
 */
export async function sealLegacyThreads(): Promise<SealLegacyThreadsResult> {
  const police = await db.organization.findUnique({
    where: { slug: triageOrganizationSlug },
    select: { id: true },
  });
  const threads = new Map<string, Thread>();
  const add = (thread: Thread) =>
    threads.set(`${thread.reportId}:${thread.organizationId}:${thread.purpose}`, thread);
  const notes = await db.note.findMany({
    where: { body: serverKeyValue },
    select: {
      reportId: true,
      organizationId: true,
      referral: { select: { organizationId: true } },
    },
  });
  let remaining = 0;
  for (const note of notes) {
    // A referral's notes are its organisation's thread; an internal note without an organisation
    // is triage's, from before, and belongs to the police.
    const organizationId = note.referral?.organizationId ?? note.organizationId ?? police?.id;
    if (!organizationId) {
      remaining++;
      continue;
    }
    add({ reportId: note.reportId, organizationId, purpose: note.referral ? "referral" : "notes" });
  }
  const messages = await db.message.findMany({
    where: { body: serverKeyValue },
    select: {
      reportId: true,
      organizationId: true,
      report: { select: { reporterPublicKey: true } },
    },
  });
  let waitingForReporter = 0;
  for (const message of messages) {
    if (!message.report.reporterPublicKey) {
      waitingForReporter++;
      continue;
    }
    add({
      reportId: message.reportId,
      organizationId: message.organizationId,
      purpose: "messages",
    });
  }
  let sealed = 0;
  const waitingFor = new Set<string>();
  for (const thread of threads.values()) {
    const moved = await db.$transaction((tx) => threadKeyForWriting(tx, thread, {}, false));
    if (moved?.key) {
      sealed++;
      continue;
    }
    remaining++;
    // Say whose keys it waits for (the police's, too, for a referral's notes).
    const keyless = await db.organization.findMany({
      where: {
        OR: [
          { id: thread.organizationId },
          ...(thread.purpose === "referral" ? [{ slug: triageOrganizationSlug }] : []),
        ],
        keys: { none: { retiredAt: null } },
      },
      select: { slug: true },
    });
    for (const { slug } of keyless) waitingFor.add(slug);
  }
  return { sealed, remaining, waitingForReporter, waitingFor: [...waitingFor] };
}
