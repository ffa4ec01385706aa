import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptText, encryptText } from "@/lib/crypto/encryption";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { withPg } from "../support/database";

// The migration that gives every message a thread (prisma/migrations/*_threads_per_organization),
// run on a database holding messages written before it: where each one goes, what stays read,
// and that every body still decrypts.

const root = path.resolve(import.meta.dirname, "..", "..");
const migrations = path.join(root, "prisma", "migrations");
const target = "20261130185000_threads_per_organization";
const adminUrl = process.env.DATABASE_URL!.replace(/\/[^/?]+(\?.*)?$/, "/postgres");
const name = `prijavi_threads_${randomBytes(4).toString("hex")}`;
const url = process.env.DATABASE_URL!.replace(/\/[^/?]+(\?.*)?$/, `/${name}`);
const sql = (folder: string) =>
  readFileSync(path.join(migrations, folder, "migration.sql"), "utf8");

const org = { police: randomUUID(), kljuc: randomUUID(), caritas: randomUUID() };
const officer = randomUUID();
const kljucStaff = randomUUID();
const caritasStaff = randomUUID();
const reportId = randomUUID();
const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 10, minute));

// [id, fromReporter, author, organisation as stored before, minute, readAt minute]
const before: [string, boolean, string | null, string | null, number, number | null][] = [
  ["first reporter message", true, null, null, 0, 1],
  ["triage question", false, officer, null, 2, null],
  ["answer to triage", true, null, null, 3, 4],
  ["Ključ question", false, kljucStaff, org.kljuc, 5, null],
  ["answer to Ključ, opened by triage", true, null, null, 6, 7],
  ["Caritas question", false, caritasStaff, org.caritas, 8, null],
  ["answer to Caritas", true, null, null, 9, 10],
  ["Caritas follows up", false, caritasStaff, org.caritas, 11, null],
];
const ids = new Map(before.map(([body]) => [body, randomUUID()]));

beforeAll(async () => {
  await withPg((c) => c.query(`CREATE DATABASE "${name}"`), adminUrl);
  const earlier = readdirSync(migrations, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name < target)
    .map((entry) => entry.name)
    .sort();
  await withPg(async (c) => {
    for (const folder of earlier) await c.query(sql(folder));
    for (const [slug, id] of Object.entries(org))
      await c.query(
        `INSERT INTO "Organization" (id, slug, kind, "nameSl", "nameEn", "nameUk", "updatedAt")
         VALUES ($1, $2, $3, $4, $4, $4, now())`,
        [id, slug, slug === "police" ? "POLICE" : "NGO", slug],
      );
    for (const [id, role, organizationId] of [
      [officer, "TRIAGE", null],
      [kljucStaff, "ORG_STAFF", org.kljuc],
      [caritasStaff, "ORG_STAFF", org.caritas],
    ])
      await c.query(
        `INSERT INTO "User" (id, name, email, role, "organizationId", "updatedAt")
         VALUES ($1, 'x', $2, $3, $4, now())`,
        [id, `${id}@staff.test`, role, organizationId],
      );
    await c.query(
      `INSERT INTO "Report" (id, "receiptHash", "submissionId", locale, urgency, region, "whenPeriod",
         "peopleCount", minors, "immediateDanger", "reporterRole", description)
       VALUES ($1, repeat('a', 64), $2, 'sl', 'HIGH', 'unknown', 'unknown', 'one', 'NO', 'NO',
         'witness', 'x')`,
      [reportId, randomUUID()],
    );
    for (const [body, fromReporter, authorId, organizationId, minute, readMinute] of before) {
      const id = ids.get(body)!;
      await c.query(
        `INSERT INTO "Message" (id, "reportId", "fromReporter", "authorId", "organizationId", body,
           "createdAt", "readAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          id,
          reportId,
          fromReporter,
          authorId,
          organizationId,
          encryptText(body, rowAad("Message", "body", id)),
          at(minute),
          readMinute === null ? null : at(readMinute),
        ],
      );
    }
  }, url);
}, 120_000);
afterAll(
  () => withPg((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`), adminUrl),
  60_000,
);

describe("messages written before threads existed", () => {
  it("refuses to run, changing nothing, while the police organisation is missing", async () => {
    await withPg(async (c) => {
      await c.query("BEGIN");
      try {
        await c.query(`DELETE FROM "Organization" WHERE slug = 'police'`);
        await expect(c.query(sql(target))).rejects.toThrow(/police organisation/);
      } finally {
        await c.query("ROLLBACK");
      }
    }, url);
  });

  it("each go to one thread, answers to the question before them; every body still decrypts", async () => {
    await withPg((c) => c.query(sql(target)), url);
    const rows = await withPg(
      async (c) =>
        (
          await c.query<{ id: string; organizationId: string; body: string; readAt: Date | null }>(
            `SELECT id, "organizationId", body, "readAt" FROM "Message" ORDER BY "createdAt"`,
          )
        ).rows,
      url,
    );
    const slugOf = Object.fromEntries(Object.entries(org).map(([slug, id]) => [id, slug]));
    expect(
      rows.map((row) => [
        decryptText(row.body, rowAad("Message", "body", row.id)),
        slugOf[row.organizationId],
        row.readAt === null ? "unread" : "read",
      ]),
    ).toEqual([
      ["first reporter message", "police", "read"],
      ["triage question", "police", "unread"],
      ["answer to triage", "police", "read"],
      ["Ključ question", "kljuc", "unread"],
      // Triage opened the report first and so marked it read for all: for Ključ it is new again.
      ["answer to Ključ, opened by triage", "kljuc", "unread"],
      ["Caritas question", "caritas", "unread"],
      // Caritas wrote after it: Caritas has seen it.
      ["answer to Caritas", "caritas", "read"],
      ["Caritas follows up", "caritas", "unread"],
    ]);
    // Every message now needs a thread that exists.
    await withPg(async (c) => {
      await expect(
        c.query(
          `INSERT INTO "Message" (id, "reportId", "fromReporter", body) VALUES ($1, $2, true, 'x')`,
          [randomUUID(), reportId],
        ),
      ).rejects.toThrow(/null value/);
      await expect(
        c.query(
          `INSERT INTO "Message" (id, "reportId", "fromReporter", "organizationId", body)
           VALUES ($1, $2, true, $3, 'x')`,
          [randomUUID(), reportId, randomUUID()],
        ),
      ).rejects.toThrow(/foreign key/);
    }, url);
  });
});
