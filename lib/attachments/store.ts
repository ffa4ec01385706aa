import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import type { StaffUser } from "@/lib/auth/session";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { decryptBytes, decryptText, encryptBytes, encryptText } from "@/lib/crypto/encryption";
import type { DataKey } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import { openThreadKey, openThreadKeys, threadName } from "@/lib/followup/thread-keys";
import { ownThread } from "@/lib/followup/threads";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrganizationKeyPair } from "@/lib/keys/organization-keys";
import { contentReader, openContentKey, type ContentReader } from "@/lib/reports/report-keys";
import { reportScope } from "@/lib/reports/report-scope";
import type { KeptFile } from "./limits";
import { withExtension } from "./names";
import type { PreparedFile } from "./prepare";
import { waitingKey, waitingLookupId } from "./waiting-key";

// Where reporters' files live: in Postgres, encrypted like the report's text, the associated data
// binding each value to its row and column. Files sent with a report are under its content key
// (lib/reports/report-keys.ts), files waiting for their form under the form's key
// (waiting-key.ts), files sent with a reply under their conversation's key
// (lib/followup/thread-keys.ts). Staff reach them only through getAttachmentForStaff, whose query carries
// the caller's scope.

/**
 * Rows to insert for prepared files, owned by a report (and a reply) or waiting under a form's
 * lookup id, encrypted under `key` (a report's content key, a form's waiting key) or the server's.
 */
export function attachmentRows(
  files: PreparedFile[],
  owner: { reportId: string; messageId?: string } | { pendingSubmissionId: string },
  key?: DataKey,
): Prisma.AttachmentCreateManyInput[] {
  return files.map((file) => {
    const id = randomUUID();
    const { keyId, content } = encryptBytes(file.bytes, rowAad("Attachment", "content", id), key);
    return {
      id,
      ...owner,
      mediaType: file.mediaType,
      size: file.bytes.length,
      metadataRemoved: file.metadataRemoved,
      fileName: encryptText(file.fileName, rowAad("Attachment", "fileName", id), key),
      keyId,
      content: new Uint8Array(content),
      activeContent: file.pdf?.activeContent ?? [],
      pageCount: file.pdf?.pageCount ?? null,
    };
  });
}

const kindOf = (mediaType: string): KeptFile["kind"] =>
  mediaType === "application/pdf" ? "pdf" : "image";

const keptFileSelect = {
  id: true,
  fileName: true,
  size: true,
  mediaType: true,
  metadataRemoved: true,
} as const;

type KeptRow = {
  id: string;
  fileName: string;
  size: number;
  mediaType: string;
  metadataRemoved: boolean;
};

/** A file with its name read with `key` (a waiting form's). */
function keptFile(row: KeptRow, key: DataKey): KeptFile {
  return namedFile(row, decryptText(row.fileName, rowAad("Attachment", "fileName", row.id), key));
}

/** A file as the reporter sees it, its name already read. */
export function namedFile(row: Omit<KeptRow, "fileName">, name: string): KeptFile {
  return {
    id: row.id,
    name,
    size: row.size,
    kind: kindOf(row.mediaType),
    metadataRemoved: row.metadataRemoved,
  };
}

/** Files of a report form that was sent back for corrections: kept until it is sent. */
export async function keepPendingFiles(
  submissionId: string,
  files: PreparedFile[],
): Promise<KeptFile[]> {
  const rows = attachmentRows(
    files,
    { pendingSubmissionId: waitingLookupId(submissionId) },
    waitingKey(submissionId),
  );
  if (rows.length) await db.attachment.createMany({ data: rows });
  return rows.map((row, i) => ({
    id: row.id,
    name: files[i]!.fileName,
    size: row.size,
    kind: kindOf(row.mediaType),
    metadataRemoved: row.metadataRemoved,
  }));
}

export async function listPendingFiles(submissionId: string): Promise<KeptFile[]> {
  const rows = await db.attachment.findMany({
    where: { pendingSubmissionId: waitingLookupId(submissionId) },
    orderBy: { createdAt: "asc" },
    select: keptFileSelect,
  });
  const key = waitingKey(submissionId);
  return rows.map((row) => keptFile(row, key));
}

/**
 * The waiting files of a form, moved from the form's key to its report's content key: one update
 * each, to run in the report's transaction (each changes its row only if it still waits).
 */
export async function resealWaitingFiles(submissionId: string, contentKey: DataKey) {
  const pendingSubmissionId = waitingLookupId(submissionId);
  const from = waitingKey(submissionId);
  const rows = await db.attachment.findMany({
    where: { pendingSubmissionId },
    select: { id: true, fileName: true, keyId: true, content: true },
  });
  return rows.map((row) => {
    const contentAad = rowAad("Attachment", "content", row.id);
    const nameAad = rowAad("Attachment", "fileName", row.id);
    const sealed = encryptBytes(
      decryptBytes(row.content, row.keyId, contentAad, from),
      contentAad,
      contentKey,
    );
    return {
      where: { id: row.id, pendingSubmissionId },
      data: {
        pendingSubmissionId: null,
        keyId: sealed.keyId,
        content: new Uint8Array(sealed.content),
        fileName: encryptText(decryptText(row.fileName, nameAad, from), nameAad, contentKey),
      },
    };
  });
}

/** Removes waiting files the reporter unticked; only ever those of this form. */
export async function dropPendingFiles(submissionId: string, ids: string[]): Promise<void> {
  if (ids.length)
    await db.attachment.deleteMany({
      where: { pendingSubmissionId: waitingLookupId(submissionId), id: { in: ids } },
    });
}

/**
 * Moves one stored file (content and name) from the server key it is under to `key`, inside the
 * caller's transaction: for values from before sealing (keys:seal-legacy, a thread's first seal).
 * One file at a time, so memory holds one file however many there are.
 */
export async function moveFileUnderKey(
  tx: Prisma.TransactionClient,
  id: string,
  key: DataKey,
): Promise<void> {
  const file = await tx.attachment.findUniqueOrThrow({
    where: { id },
    select: { fileName: true, keyId: true, content: true },
  });
  const contentAad = rowAad("Attachment", "content", id);
  const nameAad = rowAad("Attachment", "fileName", id);
  const content = encryptBytes(decryptBytes(file.content, file.keyId, contentAad), contentAad, key);
  await tx.attachment.update({
    where: { id },
    data: {
      keyId: content.keyId,
      content: new Uint8Array(content.content),
      fileName: encryptText(decryptText(file.fileName, nameAad), nameAad, key),
    },
    select: { id: true },
  });
}

/** Files already stored with a report, for the per-report limit. */
export async function countReportFiles(reportId: string): Promise<number> {
  return db.attachment.count({ where: { reportId } });
}

/** A report's files, newest last, without their content, names read with `keys` (sealed: null). */
export async function listReportFiles(
  reportId: string,
  keys: OrganizationKeyPair[],
): Promise<StaffFileView[]> {
  const read = contentReader(await openContentKey(reportId, keys));
  const threadKeys = await openThreadKeys(reportId, { organizationKeys: keys }, ["messages"]);
  const rows = await db.attachment.findMany({
    where: { reportId },
    orderBy: { createdAt: "asc" },
    select: { ...staffFileSelect, message: { select: { organizationId: true } } },
  });
  // A reply's file is under its conversation's key.
  return rows.map(({ message, ...row }) =>
    staffFileView(
      row,
      message
        ? contentReader(threadKeys.get(threadName(message.organizationId, "messages")) ?? null)
        : read,
    ),
  );
}

/** What the staff file panel shows of each file; `name` is null while the report is sealed to the caller. */
export type StaffFileView = Omit<KeptFile, "name"> & {
  name: string | null;
  messageId: string | null;
  mediaType: string;
  createdAt: Date;
  activeContent: string[];
  pageCount: number | null;
};

export const staffFileSelect = {
  ...keptFileSelect,
  messageId: true,
  createdAt: true,
  activeContent: true,
  pageCount: true,
} as const;

export function staffFileView(
  row: KeptRow & {
    messageId: string | null;
    createdAt: Date;
    activeContent: string[];
    pageCount: number | null;
  },
  reader: ContentReader,
): StaffFileView {
  return {
    id: row.id,
    name: reader.text(row.fileName, rowAad("Attachment", "fileName", row.id)),
    size: row.size,
    kind: kindOf(row.mediaType),
    metadataRemoved: row.metadataRemoved,
    messageId: row.messageId,
    mediaType: row.mediaType,
    createdAt: row.createdAt,
    activeContent: row.activeContent,
    pageCount: row.pageCount,
  };
}

/**
 * One file for a staff member, if its report is in their scope (the scope is part of the query:
 * an organisation the report was not routed to finds nothing). Every download is audited, by the
 * file's id and, for a PDF asked for as a safe copy (rendered to images by the caller), "copy":
 * "safe"; never by its name. `copy` says which one the caller must send.
 */
/** The files a staff member may open: their report is in scope, and a reply's file is in their
 * own organisation's thread (lib/followup/threads.ts). */
function staffFileScope(user: StaffUser): Prisma.AttachmentWhereInput {
  return { report: reportScope(user), OR: [{ messageId: null }, { message: ownThread(user) }] };
}

/**
 * SHA-256 of each file of a report as the reporter sent it, for a case file: whoever receives
 * the files later can show they are the ones listed. Read one file at a time, so a report with
 * many large files never holds more than one in memory.
 */
export async function fileDigestsForStaff(
  reportId: string,
  user: StaffUser,
  keys: OrganizationKeyPair[],
): Promise<Map<string, string>> {
  const reader = contentReader(await openContentKey(reportId, keys));
  const threadKeys = await openThreadKeys(reportId, { organizationKeys: keys }, ["messages"]);
  const ids = await db.attachment.findMany({
    where: { AND: [{ reportId }, staffFileScope(user)] },
    select: { id: true, message: { select: { organizationId: true } } },
  });
  const digests = new Map<string, string>();
  for (const { id, message } of ids) {
    const row = await db.attachment.findUniqueOrThrow({
      where: { id },
      select: { keyId: true, content: true },
    });
    // A reply's file is under its conversation's key.
    const fileReader = message
      ? contentReader(threadKeys.get(threadName(message.organizationId, "messages")) ?? null)
      : reader;
    const bytes = fileReader.bytes(row.content, row.keyId, rowAad("Attachment", "content", id));
    if (bytes) digests.set(id, createHash("sha256").update(bytes).digest("hex"));
  }
  return digests;
}

export async function getAttachmentForStaff(
  id: string,
  user: StaffUser,
  { prefer = "original", keys }: { prefer?: "original" | "safe"; keys: OrganizationKeyPair[] },
) {
  const row = await db.attachment.findFirst({
    where: { AND: [{ id }, staffFileScope(user)] },
    select: {
      id: true,
      reportId: true,
      fileName: true,
      mediaType: true,
      keyId: true,
      content: true,
      message: { select: { organizationId: true } },
    },
  });
  if (!row || !row.reportId) return null;
  const reader = contentReader(
    row.keyId === "report"
      ? await openContentKey(row.reportId, keys)
      : row.keyId === "thread" && row.message
        ? await openThreadKey(
            {
              reportId: row.reportId,
              organizationId: row.message.organizationId,
              purpose: "messages",
            },
            { organizationKeys: keys },
          )
        : null,
  );
  const content = reader.bytes(row.content, row.keyId, rowAad("Attachment", "content", row.id));
  const fileName = reader.text(row.fileName, rowAad("Attachment", "fileName", row.id));
  // Sealed to an organisation key this session does not hold: not a download, nothing audited.
  if (content === null || fileName === null) return { sealed: true } as const;
  const copy = prefer === "safe" && row.mediaType === "application/pdf" ? "safe" : "original";
  const detail = copy === "safe" ? { attachmentId: row.id, copy } : { attachmentId: row.id };
  await recordAudit({
    action: "attachment.downloaded",
    actorKind: "STAFF",
    actorId: user.id,
    reportId: row.reportId,
    detail,
  });
  return {
    sealed: false,
    copy,
    fileName: withExtension(fileName, row.mediaType),
    mediaType: row.mediaType,
    bytes: content,
  } as const;
}
