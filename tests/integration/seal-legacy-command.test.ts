import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { PreparedFile } from "@/lib/attachments/prepare";
import { db } from "@/lib/db";
import { postReporterMessage, postStaffMessage } from "@/lib/followup/messages";
import { addReferralNote } from "@/lib/referrals/referral-notes";
import { routeReport } from "@/lib/referrals/route-report";
import { createReport } from "@/lib/reports/create-report";
import { addNote } from "@/lib/reports/notes";
import { canaries } from "../support/canaries";
import { seedOrganizationIds, staffUser, minimalReportData } from "../support/case-data";
import { resetDatabase } from "../support/database";
import { makeLegacy } from "../support/legacy-reports";
import { reporterKeyOf } from "../support/reporter-keys";
import { keysOf, organizationKeyFor, triageKeys } from "../support/test-keys";

// `npm run keys:seal-legacy` as an operator runs it (tsx with the react-server condition, as in
// package.json), against a database holding a report, its conversation and its notes in the
// format of before sealing: it fails while an organisation has no keys and says which, succeeds
// once it has them, and never prints what the report or its threads say.

const root = path.resolve(import.meta.dirname, "..", "..");

type Outcome = { code: number; stdout: string; stderr: string };

function sealLegacyCommand(): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    execFile(
      path.join(root, "node_modules", ".bin", "tsx"),
      ["--conditions=react-server", "scripts/keys-seal-legacy.ts"],
      // The test database (DATABASE_URL) and the server key the values are under.
      { cwd: root, env: process.env, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") reject(error);
        else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

const texts = {
  description: "Canary-description: Marta is kept behind the bakery on Trubarjeva.",
  staffMessage: "Canary-staff-message: are you safe tonight?",
  reply: "Canary-reply: not safe, call Ana.",
  fileName: "canary-file-name.png",
  triageNote: "Canary-triage-note: plate LJ-123",
  kljucNote: "Canary-kljuc-note: shelter bed 4",
  referralNote: "Canary-referral-note: after 18:00",
  routingNote: "Canary-routing-note: speaks Ukrainian",
};

let org: Record<string, string>;

beforeEach(async () => {
  await resetDatabase();
  org = await seedOrganizationIds();
});
afterAll(() => db.$disconnect());

/** One report routed to Ključ, with a conversation and notes, put back in the old format. */
async function legacyReportWithThreads() {
  const officer = await staffUser("TRIAGE");
  const kljuc = await staffUser("ORG_STAFF", { organization: "kljuc" });
  const police = await triageKeys();
  const created = await createReport({
    data: minimalReportData(texts.description),
    locale: "en",
    submissionId: randomUUID(),
  });
  if (created.status !== "created") throw new Error(created.status);
  const { reportId, receipt } = created;
  const routed = await routeReport({
    reportId,
    organizationIds: [org.kljuc!],
    note: texts.routingNote,
    officerId: officer.id,
    keys: police,
  });
  if (routed.status !== "routed") throw new Error(routed.status);
  const reply: PreparedFile = {
    fileName: texts.fileName,
    mediaType: "image/png",
    bytes: Buffer.from("\x89PNG canary", "latin1"),
    metadataRemoved: true,
  };
  expect(await postStaffMessage(reportId, texts.staffMessage, kljuc, await keysOf(kljuc))).toBe(
    true,
  );
  expect(
    await postReporterMessage(
      reportId,
      texts.reply,
      [reply],
      org.kljuc,
      await reporterKeyOf(receipt),
    ),
  ).toBe(true);
  expect(await addNote(reportId, texts.triageNote, officer, police)).toBe(true);
  expect(await addNote(reportId, texts.kljucNote, kljuc, await keysOf(kljuc))).toBe(true);
  expect(await addReferralNote(routed.referralIds[0]!, texts.referralNote, officer, police)).toBe(
    true,
  );
  await makeLegacy(reportId);
  return { reportId, receipt };
}

function expectNothingTold(outcome: Outcome, receipt: string) {
  const output = outcome.stdout + outcome.stderr;
  for (const text of [...Object.values(texts), ...canaries, receipt, receipt.replace(/\D/g, "")])
    expect(output).not.toContain(text);
  expect(output.toLowerCase()).not.toContain("canary");
}

describe("npm run keys:seal-legacy", () => {
  it("fails while an organisation has no keys, naming it, and seals everything once it has them", async () => {
    const { reportId, receipt } = await legacyReportWithThreads();
    // Ključ has no keys (yet) when the command first runs.
    await db.organizationKey.deleteMany({ where: { organizationId: org.kljuc! } });

    const waiting = await sealLegacyCommand();
    expect(waiting.code, waiting.stderr).toBe(1);
    expect(waiting.stdout).toContain("waiting for these organisations to make their keys: kljuc");
    // Triage's notes seal (the police have keys); Ključ's conversation, notes and referral wait.
    expect(waiting.stdout).toContain("1 conversation(s) or set(s) of notes sealed");
    expect(waiting.stdout).toContain(
      "1 report(s) and 3 thread(s) still under the server key: run the command again",
    );
    expect(waiting.stdout).not.toContain("every report is sealed");
    expectNothingTold(waiting, receipt);
    expect(await db.reportKey.count({ where: { reportId } })).toBe(0);

    await organizationKeyFor("kljuc");
    const done = await sealLegacyCommand();
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain("1 report(s) sealed");
    expect(done.stdout).toContain("3 conversation(s) or set(s) of notes sealed");
    expect(done.stdout).toContain("every report is sealed");
    expect(done.stdout).not.toContain("waiting for");
    expectNothingTold(done, receipt);

    expect(await db.report.count({ where: { keys: { none: {} } } })).toBe(0);
    expect(await db.note.count()).toBe(3);
    expect(await db.message.count()).toBe(2);
    expect(await db.note.count({ where: { body: { not: { startsWith: "v1.thread." } } } })).toBe(0);
    expect(await db.message.count({ where: { body: { not: { startsWith: "v1.thread." } } } })).toBe(
      0,
    );
    expect(await db.note.count({ where: { organizationId: null } })).toBe(0);
    expect(
      await db.attachment.count({ where: { messageId: { not: null }, keyId: { not: "thread" } } }),
    ).toBe(0);
    expect(
      await db.attachment.count({ where: { messageId: null, keyId: { not: "report" } } }),
    ).toBe(0);
  }, 120_000);
});
