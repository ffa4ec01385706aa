import "server-only";
import { staffFileSelect, staffFileView } from "@/lib/attachments/store";
import { recordAudit } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { db } from "@/lib/db";
import { markReportSeen } from "@/lib/deadlines/first-look";
import { openThreadKeys, threadName } from "@/lib/followup/thread-keys";
import {
  listThreadActivity,
  messageFields,
  ownThread,
  ownThreadOrganizationId,
} from "@/lib/followup/threads";
import type { OrganizationKeyPair } from "@/lib/keys/organization-keys";
import { formatReference } from "./reference";
import { contentReader, openContentKey } from "./report-keys";
import { reportScope } from "./report-scope";

/**
 * One report for a staff member in scope, decrypted with the organisation keys their session
 * holds (`keys`, lib/keys/session-keys.ts heldKeysOfRequest), with its history, as the report page
 * opens it: the opening is audited, counts as triage's first look and reads the reporter's
 * messages in the caller's thread. Sealed content the keys do not open reads as null, with
 * `sealed` true: the page says so.
 */
export const getReportForStaff = (reportId: string, user: StaffUser, keys: OrganizationKeyPair[]) =>
  readReportForStaff(reportId, user, keys, true);

/**
 * The same report without opening it (the case file): nothing is marked seen or read, because a
 * download is not a look at the case. The caller audits what it does with it.
 */
export const loadReportForStaff = (
  reportId: string,
  user: StaffUser,
  keys: OrganizationKeyPair[],
) => readReportForStaff(reportId, user, keys, false);

async function readReportForStaff(
  reportId: string,
  user: StaffUser,
  keys: OrganizationKeyPair[],
  opened: boolean,
) {
  // Administrators (and any role without report access) get nothing, before any query runs.
  if (!can(user.role, "reports.read.scoped")) return null;
  // Internal notes are sealed to their organisation: each reads its own (triage the police's).
  const ownOrganizationId = await ownThreadOrganizationId(user);
  const report = await db.report.findFirst({
    where: { AND: [{ id: reportId }, reportScope(user)] },
    omit: { description: false, contact: false, placeDetails: false, closeReason: false },
    include: {
      referrals: {
        orderBy: { createdAt: "asc" },
        where: can(user.role, "reports.read.all")
          ? {}
          : { organizationId: user.organizationId ?? "" },
        omit: { note: false },
        include: {
          organization: { select: { slug: true, nameSl: true, nameEn: true, nameUk: true } },
        },
      },
      // The report's internal notes; notes on a referral are read with it (lib/referrals/referral-notes.ts).
      notes: {
        where: {
          referralId: null,
          // Triage's notes from before they were sealed carry no organisation.
          OR: [
            { organizationId: ownOrganizationId ?? "" },
            ...(can(user.role, "threads.triage") ? [{ organizationId: null }] : []),
          ],
        },
        orderBy: { createdAt: "asc" },
        omit: { body: false },
        include: { author: { select: { name: true } } },
      },
      // Only the caller's own organisation's thread (lib/followup/threads.ts).
      messages: {
        where: ownThread(user),
        orderBy: { createdAt: "asc" },
        select: {
          ...messageFields,
          readAt: true,
          author: { select: { name: true } },
        },
      },
      // Files sent with the report, and those sent with a reply in the caller's thread.
      attachments: {
        where: { OR: [{ messageId: null }, { message: ownThread(user) }] },
        orderBy: { createdAt: "asc" },
        select: staffFileSelect,
      },
      auditEvents: can(user.role, "reports.read.all")
        ? { orderBy: { createdAt: "asc" }, take: 200 }
        : false,
    },
  });
  if (!report) return null;
  if (opened) {
    await recordAudit({ action: "report.viewed", actorKind: "STAFF", actorId: user.id, reportId });
    await markReportSeen(reportId, user);
    // The caller's organisation has now seen the reporter's messages in its thread: its lists
    // stop flagging them as new. Other organisations' read state is theirs.
    await db.message.updateMany({
      where: { AND: [{ reportId, fromReporter: true, readAt: null }, ownThread(user)] },
      data: { readAt: new Date() },
    });
  }
  const threads = await listThreadActivity(reportId, user, ownOrganizationId);
  const read = contentReader(await openContentKey(report.id, keys));
  const threadKeys = ownOrganizationId
    ? await openThreadKeys(report.id, { organizationKeys: keys }, ["messages", "notes"])
    : new Map();
  const threadReader = (organizationId: string, purpose: "messages" | "notes") =>
    contentReader(threadKeys.get(threadName(organizationId, purpose)) ?? null);
  const notesReader = threadReader(ownOrganizationId ?? "", "notes");
  const messagesReader = threadReader(ownOrganizationId ?? "", "messages");
  return {
    ...report,
    reference: formatReference(report.number, report.createdAt),
    /** Sealed to organisation keys this session does not hold: the content fields read as null. */
    sealed: read.closed(report.description),
    description: read.text(report.description, rowAad("Report", "description", report.id)),
    contact: read.text(report.contact, rowAad("Report", "contact", report.id)),
    placeDetails: read.text(report.placeDetails, rowAad("Report", "placeDetails", report.id)),
    closeReason: read.text(report.closeReason, rowAad("Report", "closeReason", report.id)),
    referrals: report.referrals.map((referral) => ({
      ...referral,
      note: read.text(referral.note, rowAad("Referral", "note", referral.id)),
    })),
    notes: report.notes.map((note) => ({
      ...note,
      body: notesReader.text(note.body, rowAad("Note", "body", note.id)),
    })),
    messages: report.messages.map((message) => ({
      ...message,
      body: messagesReader.text(message.body, rowAad("Message", "body", message.id)),
    })),
    // A reply's file is under its conversation's key, the caller's own thread's.
    attachments: report.attachments.map((file) =>
      staffFileView(file, file.messageId ? messagesReader : read),
    ),
    threads,
  };
}

export type ReportDetail = NonNullable<Awaited<ReturnType<typeof readReportForStaff>>>;
