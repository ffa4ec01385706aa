import "server-only";
import type { PreparedFile } from "@/lib/attachments/prepare";
import { attachmentRows, namedFile } from "@/lib/attachments/store";
import { recordAudit } from "@/lib/audit/record-audit";
import type { StaffUser } from "@/lib/auth/session";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { encryptText } from "@/lib/crypto/encryption";
import type { KeyPair } from "@/lib/crypto/sealing";
import { db } from "@/lib/db";
import { routing, type Locale } from "@/lib/i18n/routing";
import { organizationName, publicOrganizationFields } from "@/lib/organizations/list-organizations";
import type { OrganizationKeyPair } from "@/lib/keys/organization-keys";
import { contentReader } from "@/lib/reports/report-keys";
import { reportScope } from "@/lib/reports/report-scope";
import { isUuid } from "@/lib/validation/uuid";
import type { Phone } from "@/prisma/organizations";
import { getReporterStatus } from "./reporter-status";
import { openThreadKeys, threadKeyForWriting, threadName } from "./thread-keys";
import {
  messageFields,
  ownThreadOrganizationId,
  threadOrganizationsWhere,
  triageOrganizationSlug,
} from "./threads";

// The conversations between handlers and the reporter: one per organisation (lib/followup/threads.ts).
// Bodies and reply files are encrypted under the thread's key (lib/followup/thread-keys.ts),
// sealed to that organisation and to the reporter; the reporter's view never names staff. Every
// message is audited (without its content).

// Not next-intl's hasLocale: this module is also loaded by scripts (keys:rotate), outside Next.
const isLocale = (value: string): value is Locale =>
  (routing.locales as readonly string[]).includes(value);

/**
 * What the reporter sees: a truthful status and one thread per organisation (the police's, which
 * triage answers, and each organisation the report was routed to), named so that they know who
 * writes and can call them. Marks handlers' messages as read. `messages` is every thread at once,
 * oldest first, for pages not yet showing threads. Names are in `locale`, else the report's.
 * Threads are opened with the reporter's key (from the receipt, kept in their session); a message
 * it does not open has a null body.
 */
export async function getReporterView(
  reportId: string,
  locale: Locale | undefined,
  reporterKey: KeyPair | null,
) {
  const report = await db.report.findUniqueOrThrow({
    where: { id: reportId },
    select: {
      locale: true,
      messages: {
        orderBy: { createdAt: "asc" },
        select: {
          ...messageFields,
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
  const language = locale ?? (isLocale(report.locale) ? report.locale : routing.defaultLocale);
  const [status, organizations] = await Promise.all([
    getReporterStatus(reportId, language),
    db.organization.findMany({
      where: threadOrganizationsWhere(reportId),
      select: {
        id: true,
        ...publicOrganizationFields,
        referrals: { where: { reportId }, select: { createdAt: true } },
      },
    }),
  ]);
  await db.message.updateMany({
    where: { reportId, fromReporter: false, readAt: null },
    data: { readAt: new Date() },
  });
  // The reporter sees the names of the files they sent with a reply, never their content.
  const threadKeys = await openThreadKeys(reportId, { reporterKey }, ["messages"]);
  const messages = report.messages.map((m) => {
    const read = contentReader(threadKeys.get(threadName(m.organizationId, "messages")) ?? null);
    return {
      id: m.id,
      fromReporter: m.fromReporter,
      organizationId: m.organizationId,
      createdAt: m.createdAt,
      body: read.text(m.body, rowAad("Message", "body", m.id)),
      files: m.attachments.flatMap((row) => {
        const name = read.text(row.fileName, rowAad("Attachment", "fileName", row.id));
        return name === null ? [] : [namedFile(row, name)];
      }),
    };
  });
  const order = (org: (typeof organizations)[number]) =>
    org.slug === triageOrganizationSlug ? 0 : (org.referrals[0]?.createdAt.getTime() ?? 1);
  const threads = organizations
    .sort((a, b) => order(a) - order(b))
    .map((org) => ({
      organization: {
        id: org.id,
        slug: org.slug,
        kind: org.kind,
        name: organizationName(org, language),
        email: org.email,
        phones: Array.isArray(org.phones) ? (org.phones as Phone[]) : [],
        website: org.website,
      },
      messages: messages.filter((m) => m.organizationId === org.id),
    }));
  return { ...status, threads, messages };
}

/**
 * A reporter's reply to one organisation's thread (the police's when none is named): text, files
 * or both, written together or not at all. False, and nothing written, when that organisation has
 * no thread on this report.
 */
export async function postReporterMessage(
  reportId: string,
  body: string,
  files: PreparedFile[],
  organizationId: string | undefined,
  reporterKey: KeyPair | null,
): Promise<boolean> {
  if (organizationId !== undefined && !isUuid(organizationId)) return false;
  return db.$transaction(async (tx) => {
    const thread = await tx.organization.findFirst({
      where: {
        AND: [
          threadOrganizationsWhere(reportId),
          organizationId ? { id: organizationId } : { slug: triageOrganizationSlug },
        ],
      },
      select: { id: true },
    });
    if (!thread) return false;
    const sealing = await threadKeyForWriting(
      tx,
      { reportId, organizationId: thread.id, purpose: "messages" },
      { reporterKey },
    );
    if (!sealing) return false;
    const id = crypto.randomUUID();
    await tx.message.create({
      data: {
        id,
        reportId,
        fromReporter: true,
        organizationId: thread.id,
        body: encryptText(body, rowAad("Message", "body", id), sealing.key),
      },
      select: { id: true },
    });
    if (files.length)
      await tx.attachment.createMany({
        data: attachmentRows(files, { reportId, messageId: id }, sealing.key),
      });
    await recordAudit(
      {
        action: "message.fromReporter",
        actorKind: "REPORTER",
        reportId,
        detail: { files: files.length, organizationId: thread.id },
      },
      tx,
    );
    return true;
  });
}

/**
 * Staff write to the reporter of a report in their scope, in their own organisation's thread,
 * under its key opened with `keys` (their session's): false, and nothing written, without it.
 */
export async function postStaffMessage(
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
      { reportId, organizationId, purpose: "messages" },
      { organizationKeys: keys },
    );
    if (!sealing) return false;
    const id = crypto.randomUUID();
    await tx.message.create({
      data: {
        id,
        reportId,
        fromReporter: false,
        authorId: user.id,
        organizationId,
        body: encryptText(body, rowAad("Message", "body", id), sealing.key),
      },
      select: { id: true },
    });
    await recordAudit(
      {
        action: "message.toReporter",
        actorKind: "STAFF",
        actorId: user.id,
        reportId,
        detail: { organizationId },
      },
      tx,
    );
    return true;
  });
}
