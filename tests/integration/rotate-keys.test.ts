import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { decryptText } from "@/lib/crypto/encryption";
import { rotateDataKeys } from "@/lib/crypto/rotate-keys";
import { db } from "@/lib/db";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { createReport } from "@/lib/reports/create-report";
import { reportSchema } from "@/lib/validation/report";
import { getReporterView, postReporterMessage } from "@/lib/followup/messages";
import { routeReport } from "@/lib/referrals/route-report";
import { changeStatus } from "@/lib/reports/change-status";
import { getReportForStaff } from "@/lib/reports/get-report";
import { addNote } from "@/lib/reports/notes";
import { seedOrganizations } from "@/prisma/seed";
import { resetDatabase, withPg } from "../support/database";
import { keysOf, makeTestKeys, openReporting, triageKeys } from "../support/test-keys";
import { makeLegacy } from "../support/legacy-reports";
import { reporterKeyOf } from "../support/reporter-keys";

const root = path.resolve(import.meta.dirname, "..", "..");
const saved = { ...process.env };
const oldKey = `old:${randomBytes(32).toString("base64")}`;
const newKey = `new:${randomBytes(32).toString("base64")}`;

const texts = (i: number) => ({
  description: `Report ${i}: они забрали паспорт; delo brez plačila …${"…".repeat(i)}`,
  contact: i % 2 ? `contact ${i}` : undefined,
  placeDetails: i % 3 ? `place ${i}` : undefined,
});

const receipts = new Map<string, string>();

async function seed(count: number) {
  process.env.DATA_ENCRYPTION_KEY = oldKey;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const data = reportSchema.parse({
      forms: ["labour"],
      region: "savinjska",
      whenPeriod: "ongoing",
      peopleCount: "one",
      minors: "no",
      immediateDanger: "no",
      reporterRole: "self",
      ...texts(i),
      contactChoice: texts(i).contact ? "contact" : "anonymous",
    });
    const result = await createReport({ data, locale: "uk", submissionId: randomUUID() });
    if (result.status !== "created") continue;
    // Server-key rotation is about reports stored before sealed reports (sealed ones it skips).
    await makeLegacy(result.reportId);
    receipts.set(result.reportId, result.receipt);
    ids.push(result.reportId);
  }
  return ids;
}

type Row = { id: string; description: string; contact: string | null; placeDetails: string | null };
const rows = () =>
  withPg(
    async (c) =>
      (
        await c.query<Row>(
          `SELECT id, description, contact, "placeDetails" FROM "Report" ORDER BY number`,
        )
      ).rows,
  );
const keyIds = async () =>
  (await rows())
    .flatMap((r) => [r.description, r.contact, r.placeDetails])
    .filter(Boolean)
    .map((v) => v!.split(".")[1]);

beforeEach(async () => {
  await resetDatabase();
  await openReporting();
});
afterEach(() => {
  process.env = { ...saved };
});
afterAll(() => db.$disconnect());

describe("key rotation", () => {
  it("re-encrypts every value under the current key, unchanged in content", async () => {
    await seed(7);
    process.env.DATA_ENCRYPTION_KEY = newKey;
    process.env.DATA_ENCRYPTION_PREVIOUS_KEYS = oldKey;
    expect(await rotateDataKeys({ batchSize: 3 })).toEqual({
      rotated: 7,
      batches: 3,
      remaining: 0,
      keyId: "new",
    });
    expect(new Set(await keyIds())).toEqual(new Set(["new"]));

    // Readable with the new key alone, and every text is what was reported.
    delete process.env.DATA_ENCRYPTION_PREVIOUS_KEYS;
    const stored = await rows();
    stored.forEach((row, i) => {
      expect(decryptText(row.description, rowAad("Report", "description", row.id))).toBe(
        texts(i).description,
      );
      expect(row.contact && decryptText(row.contact, rowAad("Report", "contact", row.id))).toBe(
        texts(i).contact ?? null,
      );
      expect(
        row.placeDetails && decryptText(row.placeDetails, rowAad("Report", "placeDetails", row.id)),
      ).toBe(texts(i).placeDetails ?? null);
    });
  });

  it("resumes after an interruption and touches only rows still under another key", async () => {
    await seed(6);
    process.env.DATA_ENCRYPTION_KEY = newKey;
    process.env.DATA_ENCRYPTION_PREVIOUS_KEYS = oldKey;
    await expect(
      rotateDataKeys({
        batchSize: 2,
        onBatch: () => {
          throw new Error("interrupted");
        },
      }),
    ).rejects.toThrow("interrupted");
    // The first batch was committed before the interruption; the rest is untouched.
    const firstBatch = (await rows()).filter((r) => r.description.startsWith("v1.new."));
    expect(firstBatch).toHaveLength(2);

    expect(await rotateDataKeys({ batchSize: 2 })).toMatchObject({ rotated: 4, remaining: 0 });
    // Values already rotated were not re-encrypted again (their ciphertext is the same).
    const again = new Map((await rows()).map((r) => [r.id, r.description]));
    for (const row of firstBatch) expect(again.get(row.id)).toBe(row.description);
    expect(await rotateDataKeys()).toMatchObject({ rotated: 0, batches: 0, remaining: 0 });
  });

  it("stops without writing anything of the batch when an old value cannot be read", async () => {
    await seed(3);
    const before = await rows();
    process.env.DATA_ENCRYPTION_KEY = newKey;
    // The same key id with other bytes: a wrong key.
    process.env.DATA_ENCRYPTION_PREVIOUS_KEYS = `old:${randomBytes(32).toString("base64")}`;
    await expect(rotateDataKeys()).rejects.toThrow();
    // No previous key at all.
    delete process.env.DATA_ENCRYPTION_PREVIOUS_KEYS;
    await expect(rotateDataKeys()).rejects.toThrow(/No data key with id old/);
    expect(await rows()).toEqual(before);
  });

  it("runs as `npm run keys:rotate`, and fails loudly with a missing key", async () => {
    await seed(2);
    const command = (env: NodeJS.ProcessEnv) =>
      promisify(execFile)(
        path.join(root, "node_modules", ".bin", "tsx"),
        ["--conditions=react-server", "scripts/keys-rotate.ts"],
        {
          cwd: root,
          env,
          timeout: 60_000,
        },
      );
    const before = await rows();
    await expect(
      command({ ...process.env, DATA_ENCRYPTION_KEY: "", DATA_ENCRYPTION_PREVIOUS_KEYS: oldKey }),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("DATA_ENCRYPTION_KEY is missing"),
    });
    expect(await rows()).toEqual(before);

    const { stdout } = await command({
      ...process.env,
      DATA_ENCRYPTION_KEY: newKey,
      DATA_ENCRYPTION_PREVIOUS_KEYS: oldKey,
    });
    expect(stdout).toContain('2 report(s) re-encrypted under key "new"');
    expect(new Set(await keyIds())).toEqual(new Set(["new"]));
  });

  it("covers every column under the server key, and leaves sealed notes and messages alone", async () => {
    const [reportId] = await seed(1);
    process.env.DATA_ENCRYPTION_KEY = oldKey;
    await seedOrganizations(db);
    await makeTestKeys(["kljuc"]);
    const officer = await db.user.create({
      data: {
        id: randomUUID(),
        email: `${randomUUID()}@staff.test`,
        name: "Officer",
        role: "TRIAGE",
        twoFactorEnabled: true,
      },
      select: { id: true, email: true, name: true, role: true, organizationId: true, locale: true },
    });
    const kljuc = await db.organization.findUniqueOrThrow({ where: { slug: "kljuc" } });
    await routeReport({
      reportId: reportId!,
      organizationIds: [kljuc.id],
      note: "for Ključ",
      keys: await triageKeys(),
      officerId: officer.id,
    });
    const reporterKey = await reporterKeyOf(receipts.get(reportId!)!);
    expect(await addNote(reportId!, "internal", officer, await keysOf(officer))).toBe(true);
    expect(
      await postReporterMessage(reportId!, "from the reporter", [], undefined, reporterKey),
    ).toBe(true);
    await changeStatus({
      reportIds: [reportId!],
      to: "CLOSED",
      reason: "done",
      keys: await triageKeys(),
      officerId: officer.id,
    });

    // Notes and messages are sealed under their thread's key, not the server's: rotation leaves
    // them exactly as they were.
    const sealed = () =>
      withPg(async (c) => [
        ...(await c.query<{ v: string }>('SELECT body AS v FROM "Note"')).rows,
        ...(await c.query<{ v: string }>('SELECT body AS v FROM "Message"')).rows,
      ]);
    const sealedBefore = await sealed();
    expect(sealedBefore.map((r) => r.v.split(".").slice(0, 2).join("."))).toEqual([
      "v1.thread",
      "v1.thread",
    ]);

    process.env.DATA_ENCRYPTION_KEY = newKey;
    process.env.DATA_ENCRYPTION_PREVIOUS_KEYS = oldKey;
    expect(await rotateDataKeys()).toMatchObject({ remaining: 0 });
    delete process.env.DATA_ENCRYPTION_PREVIOUS_KEYS;
    const stored = await withPg(async (c) => [
      ...(await c.query<{ v: string }>('SELECT "closeReason" AS v FROM "Report"')).rows,
      ...(await c.query<{ v: string }>('SELECT note AS v FROM "Referral"')).rows,
    ]);
    expect(stored.map((r) => r.v.split(".")[1])).toEqual(["new", "new"]);
    expect(await sealed()).toEqual(sealedBefore);
    // Everything still reads with the proper keys, the old server key gone.
    const detail = await getReportForStaff(reportId!, officer, await keysOf(officer));
    expect([detail!.closeReason, detail!.referrals[0]!.note, detail!.notes[0]!.body]).toEqual([
      "done",
      "for Ključ",
      "internal",
    ]);
    expect((await getReporterView(reportId!, undefined, reporterKey)).messages[0]!.body).toBe(
      "from the reporter",
    );
  });
});
