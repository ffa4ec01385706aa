import "server-only";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { moveFileUnderKey } from "@/lib/attachments/store";
import { decryptText, encryptText } from "@/lib/crypto/encryption";
import type { DataKey } from "@/lib/crypto/secrets";
import { newKey, openSealedKey, SealError, sealKey, type KeyPair } from "@/lib/crypto/sealing";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { bytes } from "@/lib/keys/member-keys";
import type { OrganizationKeyPair } from "@/lib/keys/organization-keys";
import { log } from "@/lib/log";
import { triageOrganizationSlug } from "./threads";

// The keys of what organisations write about a report (SECURITY.md, "Sealed reports"). Each of
// these has a random 256-bit key of its own, made when the first entry is written:
//
//   "messages"  an organisation's conversation with the reporter (lib/followup/messages.ts) and
//               the files sent with its replies: sealed to that organisation and to the reporter
//               (lib/followup/reporter-keys.ts), so the reporter reads and answers with the receipt;
//   "notes"     an organisation's internal notes on the report: sealed to that organisation only;
//   "referral"  the notes on a referral between the police and the receiving organisation:
//               sealed to both.
//
// Values under a thread key are envelopes with the key id "thread" (lib/crypto/encryption.ts),
// which never opens with a server key. Each sealed copy is a ThreadKey row, bound by its context
// to its report, organisation, purpose and recipient, so a copy moved elsewhere does not open.
// A writer needs the key open: the organisation's staff through their session's keys, the
// reporter through their session's reporter key. A thread is made by its first writer, who seals
// the new key to every recipient's public key in one statement, holding a lock on the thread so
// that two first writers cannot make two keys.

export type ThreadPurpose = "messages" | "notes" | "referral";
export type Thread = { reportId: string; organizationId: string; purpose: ThreadPurpose };

/** What a caller holds that may open a thread's key. */
export type ThreadKeyHolder = {
  organizationKeys?: OrganizationKeyPair[];
  reporterKey?: KeyPair | null;
};

const threadKeyId = "thread";
const reporterRecipient = "reporter";

/** The context a thread key is sealed with to `recipient` (an organisation key's id, or "reporter"). */
export const threadKeyContext = (thread: Thread, recipient: string) =>
  `thread:${thread.reportId}:${thread.organizationId}:${thread.purpose}:${recipient}`;

type Tx = Prisma.TransactionClient | typeof db;
type SealedCopy = { id: string; recipient: string; sealed: Uint8Array };

async function openCopies(
  thread: Thread,
  copies: SealedCopy[],
  holder: ThreadKeyHolder,
): Promise<DataKey | null> {
  for (const copy of copies) {
    const pair =
      copy.recipient === reporterRecipient
        ? holder.reporterKey
        : holder.organizationKeys?.find((key) => key.organizationKeyId === copy.recipient);
    if (!pair) continue;
    try {
      const key = await openSealedKey(copy.sealed, pair, threadKeyContext(thread, copy.recipient));
      return { id: threadKeyId, key };
    } catch (error) {
      if (!(error instanceof SealError)) throw error;
      log.warn("threads.threadKeyUnopenable", { threadKeyId: copy.id });
    }
  }
  return null;
}

const copySelect = { id: true, recipient: true, sealed: true } as const;

/** The thread's key opened with what the holder has, or null (no key yet, or none it opens). */
export async function openThreadKey(
  thread: Thread,
  holder: ThreadKeyHolder,
  tx: Tx = db,
): Promise<DataKey | null> {
  const copies = await tx.threadKey.findMany({ where: thread, select: copySelect });
  return openCopies(thread, copies, holder);
}

/**
 * The thread keys of one report a holder opens, by "<organizationId>:<purpose>": one query for a
 * page that shows several threads, and only the purposes it shows are opened.
 */
export async function openThreadKeys(
  reportId: string,
  holder: ThreadKeyHolder,
  purposes: ThreadPurpose[],
  tx: Tx = db,
): Promise<Map<string, DataKey>> {
  const recipients = [
    ...(holder.organizationKeys ?? []).map((key) => key.organizationKeyId),
    ...(holder.reporterKey ? [reporterRecipient] : []),
  ];
  const opened = new Map<string, DataKey>();
  if (!recipients.length) return opened;
  const copies = await tx.threadKey.findMany({
    where: { reportId, recipient: { in: recipients }, purpose: { in: purposes } },
    select: { ...copySelect, organizationId: true, purpose: true },
  });
  for (const copy of copies) {
    const name = threadName(copy.organizationId, copy.purpose);
    if (opened.has(name)) continue;
    const thread = {
      reportId,
      organizationId: copy.organizationId,
      purpose: copy.purpose as ThreadPurpose,
    };
    const key = await openCopies(thread, [copy], holder);
    if (key) opened.set(name, key);
  }
  return opened;
}

export const threadName = (organizationId: string, purpose: string) =>
  `${organizationId}:${purpose}`;

/**
 * For a writer, inside its transaction: the thread's key, made now if the thread has none.
 * - `{ key }`: write under it;
 * - `{ key: undefined }`: a conversation on a report from before sealed conversations whose
 *   reporter has not come back since (no reporter key to seal to): write under the server key, as
 *   before; `npm run keys:seal-legacy` and the reporter's return move it later;
 * - null: the thread exists and nothing the writer holds opens it, or a recipient has no key yet.
 *   Nothing may be written.
 */
export async function threadKeyForWriting(
  tx: Prisma.TransactionClient,
  thread: Thread,
  holder: ThreadKeyHolder,
  /** False only for `npm run keys:seal-legacy`, which makes keys for threads without a writer. */
  writerMustHold = true,
): Promise<{ key: DataKey | undefined } | null> {
  // Two first writers at once: the second waits here and then finds the first one's key.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${threadKeyContext(thread, "lock")}, 0))`;
  const copies = await tx.threadKey.findMany({ where: thread, select: copySelect });
  if (copies.length) {
    const key = await openCopies(thread, copies, holder);
    return key ? { key } : null;
  }
  const found = await recipientsOf(tx, thread);
  if (!found) return null;
  const { recipients, legacy } = found;
  // The first writer must be one of the thread's readers: a member whose session holds a current
  // key the thread is sealed to, or the reporter whose key it is. Otherwise a session without
  // keys could start a thread it could never read again.
  if (writerMustHold && !recipients.some((recipient) => holds(holder, recipient))) return null;
  if (legacy) return { key: undefined };
  const key = newKey();
  const rows: Prisma.ThreadKeyCreateManyInput[] = [];
  for (const recipient of recipients) {
    const sealed = await sealKey(key, recipient.publicKey, threadKeyContext(thread, recipient.id));
    rows.push({
      ...thread,
      recipient: recipient.id,
      organizationKeyId: recipient.id === reporterRecipient ? null : recipient.id,
      sealed: bytes(sealed),
    });
  }
  await tx.threadKey.createMany({ data: rows });
  const dataKey = { id: threadKeyId, key };
  await moveLegacyValues(tx, thread, dataKey);
  return { key: dataKey };
}

const notUnderThreadKey = { not: { startsWith: `v1.${threadKeyId}.` } };

/**
 * Values this thread had before it was sealed (under the server key) move under its new key in
 * the same transaction, so a thread never mixes the two once it has a key. The server key is at
 * hand here: it is what those values are under. Returns how many values moved.
 */
async function moveLegacyValues(
  tx: Prisma.TransactionClient,
  thread: Thread,
  key: DataKey,
): Promise<number> {
  const move = (value: string, aad: string) => encryptText(decryptText(value, aad), aad, key);
  let moved = 0;
  if (thread.purpose === "messages") {
    const messages = await tx.message.findMany({
      where: {
        reportId: thread.reportId,
        organizationId: thread.organizationId,
        body: notUnderThreadKey,
      },
      select: { id: true, body: true },
    });
    for (const message of messages) {
      await tx.message.update({
        where: { id: message.id },
        data: { body: move(message.body, rowAad("Message", "body", message.id)) },
        select: { id: true },
      });
      moved++;
    }
    const files = await tx.attachment.findMany({
      where: {
        reportId: thread.reportId,
        message: { organizationId: thread.organizationId },
        keyId: { not: threadKeyId },
      },
      select: { id: true },
    });
    for (const { id } of files) {
      await moveFileUnderKey(tx, id, key);
      moved++;
    }
    return moved;
  }
  const police =
    thread.purpose === "notes"
      ? await tx.organization.findUnique({
          where: { slug: triageOrganizationSlug },
          select: { id: true },
        })
      : null;
  const notes = await tx.note.findMany({
    where:
      thread.purpose === "referral"
        ? {
            reportId: thread.reportId,
            referral: { organizationId: thread.organizationId },
            body: notUnderThreadKey,
          }
        : {
            reportId: thread.reportId,
            referralId: null,
            // Triage's notes from before carry no organisation: they are the police's.
            OR: [
              { organizationId: thread.organizationId },
              ...(police?.id === thread.organizationId ? [{ organizationId: null }] : []),
            ],
            body: notUnderThreadKey,
          },
    select: { id: true, body: true },
  });
  for (const note of notes) {
    await tx.note.update({
      where: { id: note.id },
      data: {
        body: move(note.body, rowAad("Note", "body", note.id)),
        organizationId: thread.organizationId,
      },
      select: { id: true },
    });
    moved++;
  }
  return moved;
}

type Recipient = { id: string; publicKey: Uint8Array };

function holds(holder: ThreadKeyHolder, recipient: Recipient): boolean {
  if (recipient.id === reporterRecipient)
    return (
      !!holder.reporterKey && Buffer.from(recipient.publicKey).equals(holder.reporterKey.publicKey)
    );
  return !!holder.organizationKeys?.some((key) => key.organizationKeyId === recipient.id);
}

/**
 * Who a new thread key is sealed to; null when one of them has no key. `legacy`: a conversation of
 * a report without a reporter key (as above), whose organisation recipients are listed all the same.
 */
async function recipientsOf(
  tx: Prisma.TransactionClient,
  thread: Thread,
): Promise<{ recipients: Recipient[]; legacy: boolean } | null> {
  const organizations =
    thread.purpose === "referral"
      ? { OR: [{ id: thread.organizationId }, { slug: triageOrganizationSlug }] }
      : { id: thread.organizationId };
  const keys = await tx.organizationKey.findMany({
    where: { retiredAt: null, organization: organizations },
    select: { id: true, publicKey: true, organizationId: true },
  });
  const wanted = await tx.organization.count({ where: organizations });
  if (keys.length < wanted || !keys.some((key) => key.organizationId === thread.organizationId))
    return null;
  const recipients: Recipient[] = keys.map((key) => ({ id: key.id, publicKey: key.publicKey }));
  if (thread.purpose !== "messages") return { recipients, legacy: false };
  const report = await tx.report.findUniqueOrThrow({
    where: { id: thread.reportId },
    select: { reporterPublicKey: true },
  });
  if (!report.reporterPublicKey) return { recipients, legacy: true };
  return {
    recipients: [...recipients, { id: reporterRecipient, publicKey: report.reporterPublicKey }],
    legacy: false,
  };
}
