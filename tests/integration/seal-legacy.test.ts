import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { PreparedFile } from "@/lib/attachments/prepare";
import { getAttachmentForStaff } from "@/lib/attachments/store";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { decryptText } from "@/lib/crypto/encryption";
import { db } from "@/lib/db";
import { routeReport } from "@/lib/referrals/route-report";
import { changeStatus } from "@/lib/reports/change-status";
import { createReport } from "@/lib/reports/create-report";
import { getReportForStaff } from "@/lib/reports/get-report";
import { addNote } from "@/lib/reports/notes";
import { sealLegacyReports, sealLegacyThreads } from "@/lib/reports/seal-legacy";
import { getReporterView, postReporterMessage, postStaffMessage } from "@/lib/followup/messages";
import { resolveReporterSession, signInWithReceipt } from "@/lib/followup/reporter-session";
import { addReferralNote, listReferralNotes } from "@/lib/referrals/referral-notes";
import { resetDatabase } from "../support/database";
import {
  contactReportData,
  minimalReportData,
  seedOrganizationIds,
  staffUser,
} from "../support/case-data";
import { makeLegacy } from "../support/legacy-reports";
import { reporterKeyOf } from "../support/reporter-keys";
import { keysOf, organizationKeyFor, triageKeys } from "../support/test-keys";

// `npm run keys:seal-legacy` on a database holding reports in the format of before sealed
// reports: every value reads after the move with the organisations' keys, none with the server's
// key alone; a report routed to an organisation without keys waits, and a second run finishes.

let org: Record<string, string>;

async function legacyReport(text: string, routeTo: string[], close?: string) {
  const file: PreparedFile = {
    fileName: `${text}.png`,
    mediaType: "image/png",
    bytes: Buffer.from(`\x89PNG ${text}`, "latin1"),
    metadataRemoved: true,
  };
  const data = contactReportData(`${text} description`, `${text} contact`);
  const created = await createReport({
    data,
    locale: "sl",
    submissionId: randomUUID(),
    files: [file],
  });
  if (created.status !== "created") throw new Error(created.status);
  const officerId = (await staffUser("TRIAGE")).id;
  if (routeTo.length)
    await routeReport({
      reportId: created.reportId,
      organizationIds: routeTo.map((slug) => org[slug]!),
      note: `${text} note`,
      officerId,
      keys: await triageKeys(),
    });
  if (close)
    await changeStatus({
      reportIds: [created.reportId],
      to: "CLOSED",
      reason: close,
      officerId,
      keys: await triageKeys(),
    });
  await makeLegacy(created.reportId);
  return created.reportId;
}

beforeEach(async () => {
  await resetDatabase();
  org = await seedOrganizationIds();
});
afterAll(() => db.$disconnect());

describe("moving legacy reports to sealed reports", () => {
  it("seals every report to the police and its organisations, resumably; the server key alone then reads none", async () => {
    const routed = await legacyReport("routed", ["kljuc"]);
    const closed = await legacyReport("closed", [], "closed reason");
    const waiting = await legacyReport("waiting", ["filantropija"]);
    // Filantropija has no keys (yet) when the move runs.
    await db.organizationKey.deleteMany({ where: { organizationId: org.filantropija! } });
    expect(await db.reportKey.count()).toBe(0);
    // Legacy values read with the server key, as before.
    const before = await db.report.findUniqueOrThrow({
      where: { id: routed },
      select: { description: true },
    });
    expect(decryptText(before.description, rowAad("Report", "description", routed))).toBe(
      "routed description",
    );

    const first = await sealLegacyReports();
    expect(first).toEqual({ sealed: 2, remaining: 1, waitingFor: ["filantropija"] });
    // Again: nothing more to do until Filantropija has keys; nothing is sealed twice.
    expect(await sealLegacyReports()).toEqual({
      sealed: 0,
      remaining: 1,
      waitingFor: ["filantropija"],
    });
    await organizationKeyFor("filantropija");
    expect(await sealLegacyReports()).toEqual({ sealed: 1, remaining: 0, waitingFor: [] });

    for (const reportId of [routed, closed, waiting]) {
      const row = await db.report.findUniqueOrThrow({
        where: { id: reportId },
        select: { description: true, contact: true, closeReason: true },
      });
      for (const [column, value] of Object.entries(row))
        if (value !== null)
          expect(() =>
            decryptText(
              value,
              rowAad("Report", column as "description" | "contact" | "closeReason", reportId),
            ),
          ).toThrow();
      expect(await db.attachment.count({ where: { reportId, keyId: { not: "report" } } })).toBe(0);
    }

    const officer = await staffUser("TRIAGE");
    const police = await triageKeys();
    const closedReport = await getReportForStaff(closed, officer, police);
    expect(closedReport?.description).toBe("closed description");
    expect(closedReport?.contact).toBe("closed contact");
    expect(closedReport?.closeReason).toBe("closed reason");

    const kljuc = await staffUser("ORG_STAFF", { organization: "kljuc" });
    const routedReport = await getReportForStaff(routed, kljuc, [
      await organizationKeyFor("kljuc"),
    ]);
    expect(routedReport?.description).toBe("routed description");
    expect(routedReport?.referrals[0]?.note).toBe("routed note");
    const file = await getAttachmentForStaff(routedReport!.attachments[0]!.id, kljuc, {
      keys: [await organizationKeyFor("kljuc")],
    });
    if (!file || file.sealed) throw new Error("file did not open");
    expect(file.fileName).toBe("routed.png");
    expect(file.bytes.toString("latin1")).toBe("\x89PNG routed");

    const filantropija = await staffUser("ORG_STAFF", { organization: "filantropija" });
    expect(
      (await getReportForStaff(waiting, filantropija, [await organizationKeyFor("filantropija")]))
        ?.description,
    ).toBe("waiting description");
    // Ključ's key opens only what was routed to Ključ.
    expect(
      (await getReportForStaff(routed, officer, [await organizationKeyFor("caritas")]))?.sealed,
    ).toBe(true);
  });
});

/** A report submitted now, with the receipt its reporter was given. */
async function submitted(text: string) {
  const created = await createReport({
    data: minimalReportData(`${text} description`),
    locale: "en",
    submissionId: randomUUID(),
  });
  if (created.status !== "created") throw new Error(created.status);
  return { reportId: created.reportId, receipt: created.receipt };
}

const bodiesOf = async (reportId: string) => [
  ...(await db.message.findMany({ where: { reportId }, select: { id: true, body: true } })).map(
    (m) => ({ value: m.body, aad: rowAad("Message", "body", m.id) }),
  ),
  ...(await db.note.findMany({ where: { reportId }, select: { id: true, body: true } })).map(
    (n) => ({ value: n.body, aad: rowAad("Note", "body", n.id) }),
  ),
];

describe("moving legacy conversations and notes to sealed threads", () => {
  it("seals each thread to its readers, leaves conversations of reporters who have not come back until they do", async () => {
    const officer = await staffUser("TRIAGE");
    const kljuc = await staffUser("ORG_STAFF", { organization: "kljuc" });
    const police = await triageKeys();
    const kljucKeys = await keysOf(kljuc);

    // (a)-(d): a conversation with Ključ (a reply with a file), triage's and Ključ's internal
    // notes and a note on the referral, all written today and then put back in the old format.
    const first = await submitted("threaded");
    const routed = await routeReport({
      reportId: first.reportId,
      organizationIds: [org.kljuc!],
      officerId: officer.id,
      keys: police,
    });
    if (routed.status !== "routed") throw new Error(routed.status);
    const reporterKey = await reporterKeyOf(first.receipt);
    const reply: PreparedFile = {
      fileName: "reply-photo.png",
      mediaType: "image/png",
      bytes: Buffer.from("\x89PNG reply", "latin1"),
      metadataRemoved: true,
    };
    expect(await postStaffMessage(first.reportId, "Ključ asks: safe?", kljuc, kljucKeys)).toBe(
      true,
    );
    expect(
      await postReporterMessage(
        first.reportId,
        "Reply: not safe.",
        [reply],
        org.kljuc,
        reporterKey,
      ),
    ).toBe(true);
    expect(await addNote(first.reportId, "Triage internal note", officer, police)).toBe(true);
    expect(await addNote(first.reportId, "Ključ internal note", kljuc, kljucKeys)).toBe(true);
    expect(
      await addReferralNote(
        routed.referralIds[0]!,
        "Referral note: call after 18:00",
        officer,
        police,
      ),
    ).toBe(true);
    await makeLegacy(first.reportId);

    // A report from before reporter keys: its reporter wrote to triage and was answered.
    const second = await submitted("forgotten");
    expect(await postStaffMessage(second.reportId, "Triage asks: where?", officer, police)).toBe(
      true,
    );
    expect(
      await postReporterMessage(
        second.reportId,
        "Reply: Celje.",
        [],
        undefined,
        await reporterKeyOf(second.receipt),
      ),
    ).toBe(true);
    await makeLegacy(second.reportId, { forgetReporterKey: true });

    // The old format: no thread keys, every value under the server key, triage's note without an
    // organisation, the second report without a reporter key.
    expect(await db.threadKey.count()).toBe(0);
    for (const { value, aad } of [
      ...(await bodiesOf(first.reportId)),
      ...(await bodiesOf(second.reportId)),
    ]) {
      expect(value.startsWith("v1.thread.")).toBe(false);
      expect(() => decryptText(value, aad)).not.toThrow();
    }
    expect(
      await db.note.findMany({
        where: { reportId: first.reportId, referralId: null },
        select: { organizationId: true },
        orderBy: { createdAt: "asc" },
      }),
    ).toEqual([{ organizationId: null }, { organizationId: org.kljuc }]);
    expect(
      await db.report.findUniqueOrThrow({
        where: { id: second.reportId },
        select: { reporterPublicKey: true, reporterKeySalt: true },
      }),
    ).toEqual({ reporterPublicKey: null, reporterKeySalt: null });

    expect(await sealLegacyReports()).toEqual({ sealed: 2, remaining: 0, waitingFor: [] });
    // Ključ's conversation, triage's notes, Ključ's notes, the referral's notes; the second
    // report's two messages wait for their reporter.
    expect(await sealLegacyThreads()).toEqual({
      sealed: 4,
      remaining: 0,
      waitingForReporter: 2,
      waitingFor: [],
    });

    const bodies = await bodiesOf(first.reportId);
    expect(bodies).toHaveLength(5);
    for (const { value, aad } of bodies) {
      expect(value.startsWith("v1.thread.")).toBe(true);
      expect(() => decryptText(value, aad)).toThrow();
    }
    const replyFiles = await db.attachment.findMany({
      where: { reportId: first.reportId, messageId: { not: null } },
      select: { id: true, keyId: true, fileName: true },
    });
    expect(replyFiles).toHaveLength(1);
    expect(replyFiles[0]!.keyId).toBe("thread");
    expect(replyFiles[0]!.fileName.startsWith("v1.thread.")).toBe(true);
    expect(
      await db.threadKey.groupBy({
        by: ["purpose"],
        where: { reportId: first.reportId },
        _count: true,
        orderBy: { purpose: "asc" },
      }),
    ).toEqual([
      // Ključ and the reporter; the police; Ključ; Ključ and the police.
      { purpose: "messages", _count: 2 },
      { purpose: "notes", _count: 2 },
      { purpose: "referral", _count: 2 },
    ]);

    // Ključ reads its conversation, the reply's file and its own notes, not triage's.
    const forKljuc = await getReportForStaff(first.reportId, kljuc, kljucKeys);
    expect(forKljuc?.messages.map((m) => m.body)).toEqual([
      "Ključ asks: safe?",
      "Reply: not safe.",
    ]);
    expect(forKljuc?.notes.map((n) => n.body)).toEqual(["Ključ internal note"]);
    const replyView = forKljuc?.attachments.find((file) => file.messageId !== null);
    expect(replyView?.name).toBe("reply-photo.png");
    const file = await getAttachmentForStaff(replyView!.id, kljuc, { keys: kljucKeys });
    if (!file || file.sealed) throw new Error("the reply's file did not open");
    expect(file.bytes.toString("latin1")).toBe("\x89PNG reply");
    expect(
      [...(await listReferralNotes(first.reportId, kljuc, kljucKeys)).values()]
        .flat()
        .map((n) => n.body),
    ).toEqual(["Referral note: call after 18:00"]);

    // Triage reads its note, now the police's, and the referral's note.
    const forTriage = await getReportForStaff(first.reportId, officer, police);
    expect(forTriage?.notes.map((n) => n.body)).toEqual(["Triage internal note"]);
    expect(
      (
        await db.note.findFirstOrThrow({
          where: { reportId: first.reportId, referralId: null, authorId: officer.id },
          select: { organizationId: true },
        })
      ).organizationId,
    ).toBe(org.police);
    expect(
      [...(await listReferralNotes(first.reportId, officer, police)).values()]
        .flat()
        .map((n) => n.body),
    ).toEqual(["Referral note: call after 18:00"]);

    // The reporter reads the conversation with the key from the receipt.
    const view = await getReporterView(first.reportId, "en", reporterKey);
    expect(view.messages.map((m) => m.body)).toEqual(["Ključ asks: safe?", "Reply: not safe."]);
    expect(view.messages[1]?.files.map((f) => f.name)).toEqual(["reply-photo.png"]);

    // Nothing more to do, and nothing is sealed twice.
    expect(await sealLegacyThreads()).toEqual({
      sealed: 0,
      remaining: 0,
      waitingForReporter: 2,
      waitingFor: [],
    });

    // The second report's reporter comes back with the receipt and writes: the thread gets its key
    // and the older messages move under it in the same transaction.
    const signedIn = await signInWithReceipt(second.receipt);
    if (signedIn.status !== "ok") throw new Error(signedIn.status);
    const session = await resolveReporterSession(signedIn.token);
    expect(session?.reportId).toBe(second.reportId);
    expect(session?.reporterKey).toBeTruthy();
    expect(
      await postReporterMessage(
        second.reportId,
        "Back: still in Celje.",
        [],
        undefined,
        session!.reporterKey,
      ),
    ).toBe(true);
    const secondBodies = await bodiesOf(second.reportId);
    expect(secondBodies).toHaveLength(3);
    for (const { value, aad } of secondBodies) {
      expect(value.startsWith("v1.thread.")).toBe(true);
      expect(() => decryptText(value, aad)).toThrow();
    }
    expect(
      (await getReporterView(second.reportId, "en", session!.reporterKey)).messages.map(
        (m) => m.body,
      ),
    ).toEqual(["Triage asks: where?", "Reply: Celje.", "Back: still in Celje."]);
    expect(
      (await getReportForStaff(second.reportId, officer, police))?.messages.map((m) => m.body),
    ).toEqual(["Triage asks: where?", "Reply: Celje.", "Back: still in Celje."]);
    expect(await sealLegacyThreads()).toEqual({
      sealed: 0,
      remaining: 0,
      waitingForReporter: 0,
      waitingFor: [],
    });
  });
});
