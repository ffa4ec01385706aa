import { rowAad } from "@/lib/crypto/encrypted-fields";
import {
  decryptBytes,
  decryptText,
  encryptBytes,
  encryptText,
  keyIdOf,
} from "@/lib/crypto/encryption";
import type { DataKey } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import {
  openThreadKey,
  threadName,
  type Thread,
  type ThreadPurpose,
} from "@/lib/followup/thread-keys";
import { triageOrganizationSlug } from "@/lib/followup/threads";
import { openContentKey } from "@/lib/reports/report-keys";
import { organizationKeyFor } from "./test-keys";

// Reports as they were stored before sealed reports: every value under the server's current data
// key, no sealed content key. Made from a report stored today (opened with the police's key),
// for the tests of what still reads, rotates and moves from that format.

export type LegacyOptions = {
  /**
   * Also forget the reporter's key (reporterPublicKey, reporterKeySalt): a report from before
   * reporter keys, whose reporter has not come back since.
   */
  forgetReporterKey?: boolean;
};

/** The report, its conversations and notes as they were stored before sealing. */
export async function makeLegacy(reportId: string, options: LegacyOptions = {}): Promise<void> {
  const key = await openContentKey(reportId, [await organizationKeyFor("police")]);
  if (!key) throw new Error("not a sealed report");
  const text = (value: string | null, aad: string) =>
    value === null ? null : encryptText(decryptText(value, aad, key), aad);
  const report = await db.report.findUniqueOrThrow({
    where: { id: reportId },
    omit: { description: false, contact: false, placeDetails: false, closeReason: false },
  });
  const referrals = await db.referral.findMany({ where: { reportId }, omit: { note: false } });
  const files = await db.attachment.findMany({
    where: { reportId, messageId: null },
    select: { id: true, fileName: true, keyId: true, content: true },
  });
  await db.$transaction([
    db.report.update({
      where: { id: reportId },
      data: {
        description: text(report.description, rowAad("Report", "description", reportId))!,
        contact: text(report.contact, rowAad("Report", "contact", reportId)),
        placeDetails: text(report.placeDetails, rowAad("Report", "placeDetails", reportId)),
        closeReason: text(report.closeReason, rowAad("Report", "closeReason", reportId)),
      },
    }),
    ...referrals.map((referral) =>
      db.referral.update({
        where: { id: referral.id },
        data: { note: text(referral.note, rowAad("Referral", "note", referral.id)) },
      }),
    ),
    ...files.map((file) => {
      const aad = rowAad("Attachment", "content", file.id);
      const sealed = encryptBytes(decryptBytes(file.content, file.keyId, aad, key), aad);
      return db.attachment.update({
        where: { id: file.id },
        data: {
          keyId: sealed.keyId,
          content: new Uint8Array(sealed.content),
          fileName: text(file.fileName, rowAad("Attachment", "fileName", file.id))!,
        },
      });
    }),
    db.reportKey.deleteMany({ where: { reportId } }),
  ]);
  await makeLegacyThreads(reportId, options);
}

/**
 * The report's conversations (messages and the files sent with replies), internal notes and
 * referral notes as they were stored before sealed threads: under the server's current data key,
 * no ThreadKey rows, and triage's internal notes without an organisation. Each thread key is
 * opened with the key of the organisation it is sealed to (the police's for referral notes).
 */
export async function makeLegacyThreads(
  reportId: string,
  { forgetReporterKey = false }: LegacyOptions = {},
): Promise<void> {
  const police = await db.organization.findUniqueOrThrow({
    where: { slug: triageOrganizationSlug },
    select: { id: true },
  });
  const threads = await db.threadKey.findMany({
    where: { reportId },
    distinct: ["organizationId", "purpose"],
    select: { organizationId: true, purpose: true, organization: { select: { slug: true } } },
  });
  const keys = new Map<string, DataKey>();
  for (const row of threads) {
    const thread: Thread = {
      reportId,
      organizationId: row.organizationId,
      purpose: row.purpose as ThreadPurpose,
    };
    const slug = thread.purpose === "referral" ? triageOrganizationSlug : row.organization.slug;
    const opened = await openThreadKey(thread, {
      organizationKeys: [await organizationKeyFor(slug)],
    });
    if (!opened) throw new Error(`the ${slug} key does not open the ${thread.purpose} thread`);
    keys.set(threadName(thread.organizationId, thread.purpose), opened);
  }
  const keyOf = (organizationId: string, purpose: ThreadPurpose) => {
    const found = keys.get(threadName(organizationId, purpose));
    if (!found) throw new Error(`no key for the ${purpose} thread of ${organizationId}`);
    return found;
  };
  const text = (value: string, aad: string, organizationId: string, purpose: ThreadPurpose) =>
    keyIdOf(value) === "thread"
      ? encryptText(decryptText(value, aad, keyOf(organizationId, purpose)), aad)
      : value;

  const messages = await db.message.findMany({
    where: { reportId },
    select: { id: true, organizationId: true, body: true },
  });
  const notes = await db.note.findMany({
    where: { reportId },
    select: { id: true, organizationId: true, referralId: true, body: true },
  });
  const files = await db.attachment.findMany({
    where: { reportId, messageId: { not: null } },
    select: {
      id: true,
      fileName: true,
      keyId: true,
      content: true,
      message: { select: { organizationId: true } },
    },
  });
  await db.$transaction([
    ...messages.map((message) =>
      db.message.update({
        where: { id: message.id },
        data: {
          body: text(
            message.body,
            rowAad("Message", "body", message.id),
            message.organizationId,
            "messages",
          ),
        },
        select: { id: true },
      }),
    ),
    ...notes.map((note) => {
      const purpose = note.referralId ? "referral" : "notes";
      const organizationId = note.organizationId ?? police.id;
      return db.note.update({
        where: { id: note.id },
        data: {
          body: text(note.body, rowAad("Note", "body", note.id), organizationId, purpose),
          // Triage's internal notes carried no organisation before they were sealed.
          ...(purpose === "notes" && organizationId === police.id ? { organizationId: null } : {}),
        },
        select: { id: true },
      });
    }),
    ...files.map((file) => {
      const organizationId = file.message!.organizationId;
      const aad = rowAad("Attachment", "content", file.id);
      const content =
        file.keyId === "thread"
          ? encryptBytes(
              decryptBytes(file.content, file.keyId, aad, keyOf(organizationId, "messages")),
              aad,
            )
          : { keyId: file.keyId, content: file.content };
      return db.attachment.update({
        where: { id: file.id },
        data: {
          keyId: content.keyId,
          content: new Uint8Array(content.content),
          fileName: text(
            file.fileName,
            rowAad("Attachment", "fileName", file.id),
            organizationId,
            "messages",
          ),
        },
        select: { id: true },
      });
    }),
    db.threadKey.deleteMany({ where: { reportId } }),
    ...(forgetReporterKey
      ? [
          db.report.update({
            where: { id: reportId },
            data: { reporterPublicKey: null, reporterKeySalt: null },
            select: { id: true },
          }),
        ]
      : []),
  ]);
}
