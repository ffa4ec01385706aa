import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { resetDatabase } from "../support/database";
import { seedOrganizationIds, selfReportData, staffUser } from "../support/case-data";
import { reporterKeyOf } from "../support/reporter-keys";
import { keysOf, triageKeys } from "../support/test-keys";

// The case-file export (lib/export/case-file.ts) on real PostgreSQL, read back with poppler's
// pdftotext: what is in it, in which languages, what is never in it, who may export, the audit.

vi.mock("next-intl/server", () => import("../support/next-intl-server"));

const { exportCaseFile } = await import("@/lib/export/case-file");
const { attachmentRows } = await import("@/lib/attachments/store");
const { postReporterMessage, postStaffMessage } = await import("@/lib/followup/messages");
const { routeReport } = await import("@/lib/referrals/route-report");
const { addReferralNote } = await import("@/lib/referrals/referral-notes");
const { acknowledgeReferral } = await import("@/lib/referrals/referrals");
const { createReport } = await import("@/lib/reports/create-report");

const ukrainian = "Мою сестру тримають на фермі біля Птуя, паспорти забрали. Ключ — жінка.";
const photo = Buffer.from("pretend these are the bytes of a photo, kept as sent");

let org: Record<string, string>;
let officer: StaffUser;
let kljuc: StaffUser;
let caritas: StaffUser;
let filantropija: StaffUser;

const text = (bytes: Uint8Array) =>
  execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: Buffer.from(bytes) })
    .toString("utf8")
    .replace(/\s+/g, " ");

/** A Ukrainian report with a photo, routed to Ključ and Caritas, with a message in each thread. */
async function routedReport() {
  const created = await createReport({
    data: { ...selfReportData, description: ukrainian },
    locale: "uk",
    submissionId: randomUUID(),
  });
  if (created.status !== "created") throw new Error("not created");
  const reportId = created.reportId;
  await db.attachment.createMany({
    data: attachmentRows(
      [
        {
          fileName: "фото.jpg",
          mediaType: "image/jpeg",
          bytes: photo,
          metadataRemoved: true,
        },
      ],
      { reportId },
    ),
  });
  await routeReport({
    reportId,
    organizationIds: [org.kljuc!, org.caritas!],
    keys: await triageKeys(),
    officerId: officer.id,
  });
  const kljucReferral = await db.referral.findFirstOrThrow({
    where: { reportId, organizationId: org.kljuc! },
  });
  await acknowledgeReferral(kljucReferral.id, kljuc);
  expect(
    await addReferralNote(
      kljucReferral.id,
      "Prosimo, pokličite jo po 18. uri.",
      officer,
      await keysOf(officer),
    ),
  ).toBe(true);
  expect(
    await postStaffMessage(reportId, "Ključ vpraša: ste na varnem?", kljuc, await keysOf(kljuc)),
  ).toBe(true);
  expect(
    await postStaffMessage(
      reportId,
      "Caritas vpraša: potrebujete zatočišče?",
      caritas,
      await keysOf(caritas),
    ),
  ).toBe(true);
  expect(
    await postReporterMessage(
      reportId,
      "Ključu: nisem na varnem.",
      [],
      org.kljuc,
      await reporterKeyOf(created.receipt),
    ),
  ).toBe(true);
  return reportId;
}

beforeEach(async () => {
  await resetDatabase();
  org = await seedOrganizationIds();
  officer = await staffUser("TRIAGE", { name: "Officer Novak", locale: "sl" });
  kljuc = await staffUser("ORG_STAFF", { organization: "kljuc", name: "Mojca Ključ" });
  caritas = await staffUser("ORG_STAFF", { organization: "caritas", name: "Ana Karitas" });
  filantropija = await staffUser("ORG_STAFF", { organization: "filantropija" });
});
afterAll(() => db.$disconnect());

describe("case file", () => {
  it("holds the answers in Slovene and in Ukrainian, the reasons, referrals, own thread, files and a footer", async () => {
    const reportId = await routedReport();
    const file = await exportCaseFile(
      reportId,
      kljuc,
      "sl",
      await keysOf(kljuc),
      new Date("2026-11-30T10:15:00Z"),
    );
    expect(file).not.toBeNull();
    expect(Buffer.from(file!.bytes).subarray(0, 5).toString()).toBe("%PDF-");
    const content = text(file!.bytes);
    // Kept for a person to look at (test-results/ is not committed).
    mkdirSync("test-results", { recursive: true });
    writeFileSync("test-results/case-file-sl.pdf", file!.bytes);

    expect(content).toContain(`Spis prijave ${file!.reference}`);
    // The description as the reporter wrote it, in Cyrillic, not transliterated.
    expect(content).toContain("Мою сестру тримають на фермі біля Птуя");
    // Answers in the exporter's language and in the report's own.
    expect(content).toContain("Prisilno delo ali delo za zelo malo denarja"); // "labour", in Slovene
    expect(content).toContain("Odgovori v jeziku prijave (ukrajinščina)");
    expect(content).toContain("Примусова праця або робота за дуже малу плату");
    // Referrals, own conversation, and nothing of Caritas's.
    expect(content).toContain("Društvo Ključ");
    expect(content).toContain("Ključ vpraša: ste na varnem?");
    expect(content).toContain("Ključu: nisem na varnem.");
    expect(content).not.toContain("Caritas vpraša");
    // Who acknowledged, and the note on Ključ's referral, as the referral card shows them.
    expect(content).toMatch(/Prejem potrjen .* \(Mojca Ključ\)/);
    expect(content).toContain("Officer Novak: Prosimo, pokličite jo po 18. uri.");
    // The file by name, with the SHA-256 of the bytes as sent.
    expect(content).toContain("фото.jpg");
    // In groups of eight, so it wraps between groups and can be read aloud or compared by eye.
    const digest = createHash("sha256").update(photo).digest("hex");
    expect(content).toContain(digest.match(/.{8}/g)!.join(" "));
    // Footer on the page: who, which organisation, when (Ljubljana time), page count.
    expect(content).toMatch(
      /izvozil\(a\) Mojca Ključ \(Društvo Ključ[^)]*\) 30\. 11\. 2026,? 11:15:00/,
    );
    expect(content).toMatch(/stran 1 od \d+/);
  });

  it("for Caritas, holds Caritas's conversation and not Ključ's", async () => {
    const reportId = await routedReport();
    const content = text(
      (await exportCaseFile(reportId, caritas, "en", await keysOf(caritas)))!.bytes,
    );
    expect(content).toContain("Caritas vpraša: potrebujete zatočišče?");
    expect(content).not.toContain("Ključ vpraša");
    expect(content).not.toContain("nisem na varnem");
    expect(content).not.toContain("pokličite jo po 18. uri");
    expect(content).toContain("Case file");
  });

  it("is refused outside scope and for administrators, and audited when made", async () => {
    const reportId = await routedReport();
    expect(
      await exportCaseFile(reportId, filantropija, "sl", await keysOf(filantropija)),
    ).toBeNull();
    expect(
      await exportCaseFile(
        reportId,
        await staffUser("ADMIN"),
        "sl",
        await keysOf(await staffUser("ADMIN")),
      ),
    ).toBeNull();
    expect(await exportCaseFile(randomUUID(), officer, "sl", await keysOf(officer))).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "report.exported" } })).toBe(0);

    await exportCaseFile(reportId, officer, "uk", await keysOf(officer));
    const events = await db.auditEvent.findMany({ where: { action: "report.exported" } });
    expect(events).toEqual([
      expect.objectContaining({ reportId, actorId: officer.id, actorKind: "STAFF" }),
    ]);
  });

  it("is not a look at the case: no first look, no messages read, no 'viewed' in the history", async () => {
    const reportId = await routedReport();
    await exportCaseFile(reportId, officer, "sl", await keysOf(officer));
    await exportCaseFile(reportId, kljuc, "sl", await keysOf(kljuc));
    expect((await db.report.findUniqueOrThrow({ where: { id: reportId } })).firstSeenAt).toBeNull();
    expect(await db.message.count({ where: { reportId, fromReporter: true, readAt: null } })).toBe(
      1,
    );
    expect(await db.auditEvent.count({ where: { reportId, action: "report.viewed" } })).toBe(0);
  });

  it("wraps long text over pages and keeps every word", async () => {
    const created = await createReport({
      data: {
        ...selfReportData,
        description: Array.from({ length: 400 }, (_, i) => `beseda${i}`).join(" "),
      },
      locale: "sl",
      submissionId: randomUUID(),
    });
    if (created.status !== "created") throw new Error("not created");
    const content = text(
      (await exportCaseFile(created.reportId, officer, "sl", await keysOf(officer)))!.bytes,
    );
    expect(content).toContain("beseda0 ");
    expect(content).toContain("beseda399");
    expect(content).toMatch(/stran 2 od [2-9]/);
  });

  it("cuts a description of 5,000 characters without a space into lines, every character kept", async () => {
    // The longest description the form takes, one "word": cutting it used to take minutes.
    const word = Array.from({ length: 1000 }, (_, i) => String(i % 10).repeat(4) + "ž").join("");
    const created = await createReport({
      data: { ...selfReportData, description: word },
      locale: "sl",
      submissionId: randomUUID(),
    });
    if (created.status !== "created") throw new Error("not created");
    const content = text(
      (await exportCaseFile(created.reportId, officer, "sl", await keysOf(officer)))!.bytes,
    );
    // Page footers may fall between its lines; every one of its characters is there.
    const joined = content.replace(/\s+/g, "");
    expect(joined).toContain(word.slice(0, 600));
    expect(joined).toContain(word.slice(-600));
    expect(joined.match(/\d{4}ž/g)?.length).toBeGreaterThanOrEqual(1000);
  });
});
