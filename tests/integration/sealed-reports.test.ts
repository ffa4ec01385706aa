import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { PreparedFile } from "@/lib/attachments/prepare";
import { getAttachmentForStaff, keepPendingFiles, listPendingFiles } from "@/lib/attachments/store";
import { encryptedColumnList, rowAad } from "@/lib/crypto/encrypted-fields";
import { decryptBytes, decryptText } from "@/lib/crypto/encryption";
import { db } from "@/lib/db";
import { routeReport } from "@/lib/referrals/route-report";
import { changeStatus } from "@/lib/reports/change-status";
import { createReport } from "@/lib/reports/create-report";
import { getReporterView, postReporterMessage, postStaffMessage } from "@/lib/followup/messages";
import { reporterKeyPair } from "@/lib/followup/reporter-keys";
import { addReferralNote, listReferralNotes } from "@/lib/referrals/referral-notes";
import { getReportForStaff } from "@/lib/reports/get-report";
import { addNote } from "@/lib/reports/notes";
import { hashReceipt } from "@/lib/reports/receipt";
import { contentReader, openContentKey, reportingIsOpen } from "@/lib/reports/report-keys";
import { resetDatabase, withPg } from "../support/database";
import {
  contactReportData,
  minimalReportData,
  seedOrganizationIds,
  staffUser,
} from "../support/case-data";
import { organizationKeyFor, triageKeys } from "../support/test-keys";

// Sealed reports (issue 15): with a full copy of the database and every secret the server keeps
// at rest, no report text, contact, place, close reason, note to recipients, file name or file
// opens, neither through the app's own code nor by searching the dump; one organisation's key
// opens exactly what was routed to that organisation. Every value carries a canary.

const canary = (label: string) => `CANARY-${label}-${randomUUID().slice(0, 8)}`;

type Planted = {
  reportId: string;
  organization: "kljuc" | "caritas";
  canaries: string[];
  c: Record<string, string>;
  receipt: string;
};

let org: Record<string, string>;

async function plantReport(organization: "kljuc" | "caritas"): Promise<Planted> {
  const c = {
    description: canary(`${organization}-description`),
    contact: canary(`${organization}-contact`),
    place: canary(`${organization}-place`),
    fileName: canary(`${organization}-filename`),
    fileBody: canary(`${organization}-filebody`),
    waitingName: canary(`${organization}-waitingname`),
    waitingBody: canary(`${organization}-waitingbody`),
    note: canary(`${organization}-note`),
    staffMessage: canary(`${organization}-staffmessage`),
    reply: canary(`${organization}-reply`),
    replyName: canary(`${organization}-replyname`),
    replyBody: canary(`${organization}-replybody`),
    internalNote: canary(`${organization}-internalnote`),
    policeNote: canary(`${organization}-policenote`),
    referralNote: canary(`${organization}-referralnote`),
    policeMessage: canary(`${organization}-policemessage`),
  };
  const file = (fileName: string, body: string): PreparedFile => ({
    fileName: `${fileName}.png`,
    mediaType: "image/png",
    bytes: Buffer.from(`\x89PNG fake ${body}`, "latin1"),
    metadataRemoved: true,
  });
  const submissionId = randomUUID();
  // A file kept while the form was sent back, then the report with a file of its own.
  await keepPendingFiles(submissionId, [file(c.waitingName, c.waitingBody)]);
  const data = contactReportData(c.description, c.contact, c.place, "podravska");
  const created = await createReport({
    data,
    locale: "sl",
    submissionId,
    files: [file(c.fileName, c.fileBody)],
    collectKeptFiles: true,
  });
  if (created.status !== "created") throw new Error(created.status);
  const routed = await routeReport({
    reportId: created.reportId,
    organizationIds: [org[organization]!],
    note: c.note,
    officerId: (await staffUser("TRIAGE")).id,
    keys: await triageKeys(),
  });
  expect(routed.status).toBe("routed");
  // The conversation, the notes and a reply with a file: sealed to their threads' keys.
  const staff = await staffUser("ORG_STAFF", { organization });
  const triage = await staffUser("TRIAGE");
  const orgKeys = [await organizationKeyFor(organization)];
  const reporterKey = await reporterKeyFromReceipt(created.receipt);
  expect(await postStaffMessage(created.reportId, c.staffMessage, staff, orgKeys)).toBe(true);
  expect(
    await postStaffMessage(created.reportId, c.policeMessage, triage, await triageKeys()),
  ).toBe(true);
  expect(
    await postReporterMessage(
      created.reportId,
      c.reply,
      [file(c.replyName, c.replyBody)],
      org[organization],
      reporterKey,
    ),
  ).toBe(true);
  expect(await addNote(created.reportId, c.internalNote, staff, orgKeys)).toBe(true);
  expect(await addNote(created.reportId, c.policeNote, triage, await triageKeys())).toBe(true);
  const referral = await db.referral.findFirstOrThrow({
    where: { reportId: created.reportId },
    select: { id: true },
  });
  expect(await addReferralNote(referral.id, c.referralNote, staff, orgKeys)).toBe(true);
  return {
    reportId: created.reportId,
    organization,
    canaries: Object.values(c),
    c,
    receipt: created.receipt,
  };
}

/** The reporter's key as their session holds it: derived from the receipt and the report's salt. */
async function reporterKeyFromReceipt(receipt: string) {
  const { reporterKeySalt } = await db.report.findUniqueOrThrow({
    where: { receiptHash: hashReceipt(receipt) },
    select: { reporterKeySalt: true },
  });
  return reporterKeyPair(receipt, reporterKeySalt!);
}

/** Every row of every table, bytes as text in three ways, as someone holding a dump would search it. */
async function fullDump(): Promise<string> {
  return withPg(async (client) => {
    const { rows: tables } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    const parts: string[] = [];
    for (const { tablename } of tables) {
      const { rows } = await client.query(`SELECT * FROM "${tablename}"`);
      for (const row of rows)
        for (const value of Object.values(row))
          parts.push(
            Buffer.isBuffer(value)
              ? `${value.toString("latin1")} ${value.toString("utf8")} ${value.toString("base64")}`
              : JSON.stringify(value),
          );
    }
    return parts.join("\n");
  });
}

/** What the app's own code recovers with the server's keys alone (every configured data key). */
async function readWithServerSecretsOnly(): Promise<string[]> {
  const recovered: string[] = [];
  for (const { model, column, storage, aad } of encryptedColumnList()) {
    const table = model;
    const rows = await withPg((client) =>
      client.query(
        `SELECT id::text AS id, "${column}" AS value${
          model === "Attachment" ? `, "keyId"` : ""
        } FROM "${table}" WHERE "${column}" IS NOT NULL`,
      ),
    );
    for (const row of rows.rows) {
      try {
        recovered.push(
          storage === "bytes"
            ? decryptBytes(row.value, row.keyId, aad(row.id)).toString("latin1")
            : decryptText(row.value, aad(row.id)),
        );
      } catch {
        // Closed, as it must be.
      }
      const reader = contentReader(null);
      const read =
        storage === "bytes"
          ? reader.bytes(row.value, row.keyId, aad(row.id))?.toString("latin1")
          : reader.text(row.value, aad(row.id));
      if (read) recovered.push(read);
    }
  }
  return recovered;
}

beforeEach(async () => {
  await resetDatabase();
  org = await seedOrganizationIds();
});
afterAll(() => db.$disconnect());

describe("sealed reports", () => {
  it("a dump with every server secret reveals no canary; one organisation's key opens exactly its own", async () => {
    const kljuc = await plantReport("kljuc");
    const caritas = await plantReport("caritas");
    // Closed by triage with a reason: the reason is sealed like the rest.
    const closeReason = canary("close-reason");
    const closed = await plantReport("kljuc");
    expect(
      await changeStatus({
        reportIds: [closed.reportId],
        to: "CLOSED",
        reason: closeReason,
        officerId: (await staffUser("TRIAGE")).id,
        keys: await triageKeys(),
      }),
    ).toBe(1);
    // A form sent back whose report was never sent: its file waits, under the form's own key.
    const abandonedName = canary("abandoned-name");
    const abandonedId = randomUUID();
    await keepPendingFiles(abandonedId, [
      {
        fileName: `${abandonedName}.png`,
        mediaType: "image/png",
        bytes: Buffer.from(`\x89PNG ${canary("abandoned-body")}`, "latin1"),
        metadataRemoved: true,
      },
    ]);
    const all = [...kljuc.canaries, ...caritas.canaries, ...closed.canaries, closeReason];

    const dump = await fullDump();
    for (const text of [...all, abandonedName]) expect(dump).not.toContain(text);
    const recovered = (await readWithServerSecretsOnly()).join("\n");
    for (const text of [...all, abandonedName]) expect(recovered).not.toContain(text);

    // Ključ's key: Ključ's reports open, in full; Caritas's does not open at all.
    const kljucKey = await organizationKeyFor("kljuc");
    const kljucStaff = await staffUser("ORG_STAFF", { organization: "kljuc" });
    const report = await getReportForStaff(kljuc.reportId, kljucStaff, [kljucKey]);
    expect(report?.sealed).toBe(false);
    expect(report?.description).toBe(kljuc.canaries[0]);
    expect(report?.contact).toBe(kljuc.canaries[1]);
    expect(report?.placeDetails).toBe(kljuc.canaries[2]);
    expect(report?.referrals[0]?.note).toBe(kljuc.canaries[7]);
    const names = report!.attachments.map((file) => file.name);
    expect(names).toEqual(
      expect.arrayContaining([`${kljuc.canaries[3]}.png`, `${kljuc.canaries[5]}.png`]),
    );
    for (const file of report!.attachments.filter((row) => row.messageId === null)) {
      const got = await getAttachmentForStaff(file.id, kljucStaff, { keys: [kljucKey] });
      if (!got || got.sealed) throw new Error("Ključ's file did not open");
      expect([kljuc.canaries[4], kljuc.canaries[6]].some((c) => got.bytes.includes(c!))).toBe(true);
    }
    expect(await openContentKey(caritas.reportId, [kljucKey])).toBeNull();
    // Ključ's conversation, its internal notes and the referral's notes open with its key; the
    // police's conversation and internal notes on the same report do not.
    expect(report!.messages.map((m) => m.body)).toEqual([kljuc.c.staffMessage, kljuc.c.reply]);
    expect(report!.notes.map((n) => n.body)).toEqual([kljuc.c.internalNote]);
    expect(
      (await listReferralNotes(kljuc.reportId, kljucStaff, [kljucKey])).get(
        report!.referrals[0]!.id,
      )?.[0]?.body,
    ).toBe(kljuc.c.referralNote);
    const reply = report!.attachments.find((file) => file.messageId !== null)!;
    expect(reply.name).toBe(`${kljuc.c.replyName}.png`);
    const replyFile = await getAttachmentForStaff(reply.id, kljucStaff, { keys: [kljucKey] });
    if (!replyFile || replyFile.sealed) throw new Error("Ključ's reply file did not open");
    expect(replyFile.bytes.includes(kljuc.c.replyBody!)).toBe(true);
    // Triage (the police's key) reads its own conversation and notes and the referral's notes,
    // never Ključ's conversation or internal notes.
    const triageStaff = await staffUser("TRIAGE");
    const triageView = await getReportForStaff(kljuc.reportId, triageStaff, await triageKeys());
    expect(triageView!.messages.map((m) => m.body)).toEqual([kljuc.c.policeMessage]);
    expect(triageView!.notes.map((n) => n.body)).toEqual([kljuc.c.policeNote]);
    expect(
      (await listReferralNotes(kljuc.reportId, triageStaff, await triageKeys())).get(
        report!.referrals[0]!.id,
      )?.[0]?.body,
    ).toBe(kljuc.c.referralNote);
    // Caritas, even given Ključ's report's id, opens none of it.
    const caritasStaffView = await getReportForStaff(
      kljuc.reportId,
      await staffUser("ORG_STAFF", { organization: "caritas" }),
      [await organizationKeyFor("caritas")],
    );
    expect(caritasStaffView).toBeNull();
    // The reporter, with the receipt, reads both conversations; with another report's receipt, neither.
    const reporterView = await getReporterView(
      kljuc.reportId,
      "sl",
      await reporterKeyFromReceipt(kljuc.receipt),
    );
    expect(reporterView.messages.map((m) => m.body)).toEqual([
      kljuc.c.staffMessage,
      kljuc.c.policeMessage,
      kljuc.c.reply,
    ]);
    expect(reporterView.messages.flatMap((m) => m.files.map((f) => f.name))).toEqual([
      `${kljuc.c.replyName}.png`,
    ]);
    const strangerView = await getReporterView(
      kljuc.reportId,
      "sl",
      await reporterKeyFromReceipt(caritas.receipt),
    );
    expect(strangerView.messages.map((m) => m.body)).toEqual([null, null, null]);
    const closedReport = await getReportForStaff(closed.reportId, kljucStaff, [kljucKey]);
    expect(closedReport?.closeReason).toBe(closeReason);

    // The police's key opens every report; Caritas's only its own.
    const police = await triageKeys();
    for (const planted of [kljuc, caritas, closed])
      expect(await openContentKey(planted.reportId, police)).not.toBeNull();
    const caritasKey = await organizationKeyFor("caritas");
    expect(await openContentKey(caritas.reportId, [caritasKey])).not.toBeNull();
    expect(await openContentKey(kljuc.reportId, [caritasKey])).toBeNull();

    // The reporter's own post still lists the abandoned form's waiting file (its id opens it).
    expect((await listPendingFiles(abandonedId)).map((file) => file.name)).toEqual([
      `${abandonedName}.png`,
    ]);
  });

  it("says plainly that a report is sealed to a session without its key, never failing", async () => {
    const planted = await plantReport("caritas");
    const officer = await staffUser("TRIAGE");
    const report = await getReportForStaff(planted.reportId, officer, []);
    expect(report?.sealed).toBe(true);
    expect(report?.description).toBeNull();
    expect(report?.contact).toBeNull();
    expect(report?.referrals[0]?.note).toBeNull();
    expect(report?.attachments.every((file) => file.name === null)).toBe(true);
    const file = await getAttachmentForStaff(report!.attachments[0]!.id, officer, { keys: [] });
    expect(file).toEqual({ sealed: true });
    // Nothing downloaded, nothing audited as a download.
    expect(await db.auditEvent.count({ where: { action: "attachment.downloaded" } })).toBe(0);
    // Routing and closing need the key too; without it nothing changes.
    const route = await routeReport({
      reportId: planted.reportId,
      organizationIds: [org.filantropija!],
      officerId: officer.id,
      keys: [],
    });
    expect(route.status).toBe("sealed");
    expect(
      await changeStatus({
        reportIds: [planted.reportId],
        to: "CLOSED",
        reason: "x",
        officerId: officer.id,
        keys: [],
      }),
    ).toBe(0);
  });

  it("fails closed when a sealed key or a value is tampered with or moved", async () => {
    const a = await plantReport("kljuc");
    const b = await plantReport("kljuc");
    const kljucKey = await organizationKeyFor("kljuc");
    const rowOf = (reportId: string) =>
      db.reportKey.findUniqueOrThrow({
        where: {
          reportId_organizationKeyId: { reportId, organizationKeyId: kljucKey.organizationKeyId },
        },
      });
    // B's sealed key copied onto A's row: bound to B, it does not open for A.
    const [rowA, rowB] = [await rowOf(a.reportId), await rowOf(b.reportId)];
    await db.reportKey.update({ where: { id: rowA.id }, data: { sealed: rowB.sealed } });
    expect(await openContentKey(a.reportId, [kljucKey])).toBeNull();
    // One changed byte in B's sealed key.
    const changed = Buffer.from(rowB.sealed);
    changed[changed.length - 5]! ^= 1;
    await db.reportKey.update({
      where: { id: rowB.id },
      data: { sealed: new Uint8Array(changed) },
    });
    expect(await openContentKey(b.reportId, [kljucKey])).toBeNull();

    // A value moved from one report to another does not decrypt there, even with the right keys.
    const c = await plantReport("kljuc");
    const d = await plantReport("kljuc");
    const description = (
      await db.report.findUniqueOrThrow({
        where: { id: c.reportId },
        select: { description: true },
      })
    ).description;
    await db.report.update({ where: { id: d.reportId }, data: { description } });
    const keyD = await openContentKey(d.reportId, [kljucKey]);
    expect(() =>
      contentReader(keyD).text(description, rowAad("Report", "description", d.reportId)),
    ).toThrow();
    const staff = await staffUser("ORG_STAFF", { organization: "kljuc" });
    await expect(getReportForStaff(d.reportId, staff, [kljucKey])).rejects.toThrow();
  });

  it("refuses the form before the police have keys, and routing to an organisation without keys", async () => {
    await db.reportKey.deleteMany();
    await db.organizationKey.deleteMany({ where: { organization: { slug: "police" } } });
    const data = minimalReportData("Nothing stored.");
    const before = await db.report.count();
    expect(await reportingIsOpen()).toBe(false);
    expect(await createReport({ data, locale: "sl", submissionId: randomUUID() })).toEqual({
      status: "notOpen",
    });
    expect(await db.report.count()).toBe(before);

    await organizationKeyFor("police");
    expect(await reportingIsOpen()).toBe(true);
    const planted = await plantReport("kljuc");
    await db.organizationKey.deleteMany({ where: { organization: { slug: "filantropija" } } });
    const route = await routeReport({
      reportId: planted.reportId,
      organizationIds: [org.filantropija!],
      officerId: (await staffUser("TRIAGE")).id,
      keys: await triageKeys(),
    });
    expect(route.status).toBe("noKeys");
    expect(await db.referral.count({ where: { reportId: planted.reportId } })).toBe(1);
  });
});
