import "server-only";
import { staffFileSelect, staffFileView } from "@/lib/attachments/store";
import { recordAudit } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { decryptText } from "@/lib/crypto/encryption";
import { db } from "@/lib/db";
import { markReportSeen } from "@/lib/deadlines/first-look";
import { listThreadActivity, messageFields, ownThread } from "@/lib/followup/threads";
import { formatReference } from "./reference";
import { noteScope, reportScope } from "./report-scope";

const open = (value: string | null, aad: string) =>
  value === null ? null : decryptText(value, aad);

/**
 * One report for a staff member in scope, decrypted, with its history, as the report page opens
 * it: the opening is audited, counts as triage's first look and reads the reporter's messages in
 * the caller's thread.
 */
export const getReportForStaff = (reportId: string, user: StaffUser) =>
  readReportForStaff(reportId, user, true);

/**
 * The same report without opening it (the case file): nothing is marked seen or read, because a
 * download is not a look at the case. The caller audits what it does with it.
 */
export const loadReportForStaff = (reportId: string, user: StaffUser) =>
  readReportForStaff(reportId, user, false);

async function readReportForStaff(reportId: string, user: StaffUser, opened: boolean) {
  // Administrators (and any role without report access) get nothing, before any query runs.
  if (!can(user.role, "reports.read.scoped")) return null;
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
        where: { AND: [noteScope(user), { referralId: null }] },
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
  const threads = await listThreadActivity(reportId, user);
  return {
    ...report,
    reference: formatReference(report.number, report.createdAt),
    description: open(report.description, rowAad("Report", "description", report.id))!,
    contact: open(report.contact, rowAad("Report", "contact", report.id)),
    placeDetails: open(report.placeDetails, rowAad("Report", "placeDetails", report.id)),
    closeReason: open(report.closeReason, rowAad("Report", "closeReason", report.id)),
    referrals: report.referrals.map((referral) => ({
      ...referral,
      note: open(referral.note, rowAad("Referral", "note", referral.id)),
    })),
    notes: report.notes.map((note) => ({
      ...note,
      body: decryptText(note.body, rowAad("Note", "body", note.id)),
    })),
    messages: report.messages.map((message) => ({
      ...message,
      body: decryptText(message.body, rowAad("Message", "body", message.id)),
    })),
    attachments: report.attachments.map(staffFileView),
    threads,
  };
}

export type ReportDetail = NonNullable<Awaited<ReturnType<typeof readReportForStaff>>>;
