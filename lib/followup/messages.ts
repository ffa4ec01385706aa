import "server-only";
import type { PreparedFile } from "@/lib/attachments/prepare";
import { attachmentRows, keptFile } from "@/lib/attachments/store";
import { recordAudit } from "@/lib/audit/record-audit";
import type { StaffUser } from "@/lib/auth/session";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { decryptText, encryptText } from "@/lib/crypto/encryption";
import { db } from "@/lib/db";
import { reportScope } from "@/lib/reports/report-scope";

// The thread between handlers and the reporter. Bodies are encrypted like the report; the
// reporter's view never names staff. Every message is audited (without its content).

export type ReporterStatus = "received" | "beingLookedAt" | "passedOn" | "closed";

function reporterStatus(status: string): ReporterStatus {
  if (status === "IN_TRIAGE") return "beingLookedAt";
  if (status === "REFERRED") return "passedOn";
  if (status === "CLOSED" || status === "SPAM") return "closed";
  return "received";
}

/** What the reporter sees: a plain status and the thread. Marks handlers' messages as read. */
export async function getReporterView(reportId: string) {
  const report = await db.report.findUniqueOrThrow({
    where: { id: reportId },
    select: {
      status: true,
      messages: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          fromReporter: true,
          body: true,
          createdAt: true,
          attachments: {
            orderBy: { createdAt: "asc" },
            select: {
              id: true,
              fileName: true,
              size: true,
              mediaType: true,
              metadataRemoved: true,
            },
          },
        },
      },
    },
  });
  await db.message.updateMany({
    where: { reportId, fromReporter: false, readAt: null },
    data: { readAt: new Date() },
  });
  return {
    status: reporterStatus(report.status),
    closed: report.status === "CLOSED" || report.status === "SPAM",
    // The reporter sees the names of the files they sent with a reply, never their content.
    messages: report.messages.map((m) => ({
      id: m.id,
      fromReporter: m.fromReporter,
      createdAt: m.createdAt,
      body: decryptText(m.body, rowAad("Message", "body", m.id)),
      files: m.attachments.map(keptFile),
    })),
  };
}

/** A reporter's reply: text, files or both, written together or not at all. */
export async function postReporterMessage(
  reportId: string,
  body: string,
  files: PreparedFile[] = [],
): Promise<void> {
  await db.$transaction(async (tx) => {
    const id = crypto.randomUUID();
    await tx.message.create({
      data: {
        id,
        reportId,
        fromReporter: true,
        body: encryptText(body, rowAad("Message", "body", id)),
      },
      select: { id: true },
    });
    if (files.length)
      await tx.attachment.createMany({ data: attachmentRows(files, { reportId, messageId: id }) });
    await recordAudit(
      {
        action: "message.fromReporter",
        actorKind: "REPORTER",
        reportId,
        detail: { files: files.length },
      },
      tx,
    );
  });
}

/** Staff write to the reporter of a report in their scope. */
export async function postStaffMessage(
  reportId: string,
  body: string,
  user: StaffUser,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const inScope = await tx.report.count({
      where: { AND: [{ id: reportId }, reportScope(user)] },
    });
    if (!inScope) return false;
    const id = crypto.randomUUID();
    await tx.message.create({
      data: {
        id,
        reportId,
        fromReporter: false,
        authorId: user.id,
        organizationId: user.organizationId,
        body: encryptText(body, rowAad("Message", "body", id)),
      },
      select: { id: true },
    });
    await recordAudit(
      { action: "message.toReporter", actorKind: "STAFF", actorId: user.id, reportId },
      tx,
    );
    return true;
  });
}
