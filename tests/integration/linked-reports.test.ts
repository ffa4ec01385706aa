import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addIdentifiers } from "@/lib/links/add-identifier";
import { decideLink } from "@/lib/links/decide-link";
import { openLinkIndexKey } from "@/lib/links/index-key";
import { indexWaitingIdentifiers, type LinkKeys } from "@/lib/links/index-reports";
import { confirmedGroup, listPossibleLinks, manyReports } from "@/lib/links/list-links";
import { routeLinkedGroup } from "@/lib/links/route-group";
import { revokeOrganizationKeyGrant } from "@/lib/keys/organization-keys";
import { rotateOrganizationKey } from "@/lib/keys/rotate-organization-key";
import type { OrganizationKeyPair } from "@/lib/keys/organization-keys";
import { routeReport } from "@/lib/referrals/route-report";
import { createReport } from "@/lib/reports/create-report";
import { newReport, organizationId, minimalReportData } from "../support/case-data";
import { withPg } from "../support/database";
import { makeTestKeys } from "../support/test-keys";
import { freshDirectoryWithoutAnswerFloor } from "../support/fresh-each-test";
import { openKeysOf } from "../support/organization-keys";
import { createStaff, readStaffUser, type TestStaff } from "../support/staff";

// Linked reports (issue 16): identifiers wait sealed to the police until a triage session digests
// them under the index key it alone can open; reports sharing a digest are possibly linked.

freshDirectoryWithoutAnswerFloor();

// One recruiter's phone written three ways and one car, in three reports from different people.
const texts = [
  "A man called from 041 123 456 and offered work on a farm. He drove a grey van, LJ AB-123.",
  "They must call +386 41 123456 every evening. The van outside is LJ-AB 123.",
  "Number 0038641123456 on the advertisement; a van with plates lj ab123 picks them up.",
];
const unrelated = "Girls are kept in a flat above the bar; the owner's phone is 031 987 654.";
// Every way the identifiers above are written, and their normalised forms.
const plaintexts = [
  "041 123 456",
  "+386 41 123456",
  "0038641123456",
  "+38641123456",
  "38641123456",
  "41123456",
  "LJ AB-123",
  "LJAB123",
  "ljab123",
  "031 987 654",
  "+38631987654",
];

async function triageWithKeys(): Promise<{ officer: TestStaff; keys: LinkKeys }> {
  // The keys the form and routing need (made by the test custodians; the officer is granted the police's).
  await makeTestKeys(["police", "kljuc", "caritas"]);
  const officer = await createStaff("TRIAGE");
  const police = await openKeysOf(officer);
  const indexKey = await openLinkIndexKey(police);
  if (!indexKey) throw new Error("no index key");
  return { officer, keys: { organizationKeys: [police], indexKey } };
}

describe("linked reports", () => {
  it("links three reports sharing a phone written three ways and a plate; a fourth stays apart", async () => {
    const { officer, keys } = await triageWithKeys();
    const ids: string[] = [];
    for (const description of texts) ids.push(await newReport({ description }));
    const other = await newReport({ description: unrelated });
    // Waiting until triage looks: no digest exists yet, and none can be made without the key.
    expect(await db.waitingReportIdentifiers.count()).toBe(4);
    expect(await db.reportIdentifier.count()).toBe(0);
    const user = await readStaffUser(officer.userId);
    expect(await listPossibleLinks(ids[0]!, user)).toEqual({ links: [], sharedByMany: [] });

    expect(await indexWaitingIdentifiers(keys)).toBe(4);
    expect(await db.waitingReportIdentifiers.count()).toBe(0);
    // Indexing again finds nothing to do.
    expect(await indexWaitingIdentifiers(keys)).toBe(0);

    const { links, sharedByMany } = await listPossibleLinks(ids[0]!, user);
    expect(sharedByMany).toEqual([]);
    expect(links.map((link) => link.reportId).sort()).toEqual([ids[1], ids[2]].sort());
    for (const link of links) {
      expect(link.kinds).toEqual(["phone", "plate"]);
      expect(link.reference).toMatch(/^TR-\d{4}-\d{5}$/);
      expect(link.decision).toBeNull();
    }
    expect(await listPossibleLinks(other, user)).toEqual({ links: [], sharedByMany: [] });
  });

  it("a dismissed link stays dismissed, a confirmed one forms a group routed together", async () => {
    const { officer, keys } = await triageWithKeys();
    const ids: string[] = [];
    for (const description of texts) ids.push(await newReport({ description }));
    await indexWaitingIdentifiers(keys);
    const user = await readStaffUser(officer.userId);

    expect(await decideLink(user, ids[0]!, ids[1]!, "DISMISSED")).toBe("done");
    expect(await decideLink(user, ids[0]!, ids[2]!, "CONFIRMED")).toBe("done");
    // A pair that shares nothing cannot be decided.
    const stranger = await newReport({ description: unrelated });
    await indexWaitingIdentifiers(keys);
    expect(await decideLink(user, ids[0]!, stranger, "CONFIRMED")).toBe("notFound");

    // A new identifier added by hand to both does not bring the dismissed link back.
    await addIdentifiers(user, keys.indexKey, ids[0]!, "IBAN SI56 1910 0000 0123 438");
    await addIdentifiers(user, keys.indexKey, ids[1]!, "SI56191000000123438");
    const { links: seen } = await listPossibleLinks(ids[1]!, user);
    const back = seen.find((link) => link.reportId === ids[0]);
    expect(back?.kinds).toEqual(["phone", "plate", "iban"]);
    expect(back?.decision?.status).toBe("DISMISSED");
    expect(back?.decision?.by).toBe("Test TRIAGE");
    expect(await db.reportLink.count()).toBe(2);
    expect(
      await db.auditEvent.count({ where: { action: "links.dismissed", actorId: officer.userId } }),
    ).toBe(2);
    expect(
      await db.auditEvent.count({ where: { action: "links.identifierAdded", reportId: ids[0] } }),
    ).toBe(1);

    // The confirmed group: report 0 and report 2; report 2 is already with Ključ.
    expect(await confirmedGroup(ids[0]!, user)).toEqual([ids[2]]);
    const kljuc = await organizationId("kljuc");
    await routeReport({
      reportId: ids[2]!,
      organizationIds: [kljuc],
      officerId: officer.userId,
      keys: keys.organizationKeys,
    });
    expect(await routeLinkedGroup(user, ids[0]!, [kljuc], keys.organizationKeys)).toEqual({
      routed: 1,
      skipped: 1,
    });
    expect(await db.referral.count({ where: { organizationId: kljuc } })).toBe(2);
    expect(await db.referral.count({ where: { reportId: ids[1] } })).toBe(0);
  });

  it("organisation staff see links only among reports routed to their own organisation", async () => {
    const { officer, keys } = await triageWithKeys();
    const ids: string[] = [];
    for (const description of texts) ids.push(await newReport({ description }));
    await indexWaitingIdentifiers(keys);
    const [kljuc, caritas] = [await organizationId("kljuc"), await organizationId("caritas")];
    await routeReport({
      reportId: ids[0]!,
      organizationIds: [kljuc, caritas],
      officerId: officer.userId,
      keys: keys.organizationKeys,
    });
    await routeReport({
      reportId: ids[1]!,
      organizationIds: [kljuc],
      officerId: officer.userId,
      keys: keys.organizationKeys,
    });
    await routeReport({
      reportId: ids[2]!,
      organizationIds: [caritas],
      officerId: officer.userId,
      keys: keys.organizationKeys,
    });
    const kljucStaff = await readStaffUser(
      (await createStaff("ORG_STAFF", { organization: "kljuc" })).userId,
    );
    const caritasStaff = await readStaffUser(
      (await createStaff("ORG_STAFF", { organization: "caritas" })).userId,
    );
    expect((await listPossibleLinks(ids[0]!, kljucStaff)).links.map((l) => l.reportId)).toEqual([
      ids[1],
    ]);
    expect((await listPossibleLinks(ids[0]!, caritasStaff)).links.map((l) => l.reportId)).toEqual([
      ids[2],
    ]);
    // Caritas asking about Ključ's report finds nothing at all.
    expect(await listPossibleLinks(ids[1]!, caritasStaff)).toEqual({
      links: [],
      sharedByMany: [],
    });
    // Nor may organisation staff decide a link.
    expect(await decideLink(kljucStaff, ids[0]!, ids[1]!, "CONFIRMED")).toBe("notFound");
  });

  it("names an identifier shared by more than 50 other reports by its kind instead of listing them", async () => {
    const { officer, keys } = await triageWithKeys();
    const user = await readStaffUser(officer.userId);
    // A hotline's number in 52 reports; a car in this report and one other.
    const report = await newReport({
      description: "I called the hotline 041 555 123. A grey van, LJ XY-987, took them away.",
    });
    const byCar = await newReport({ description: "The van LJ XY-987 comes every Monday." });
    const byPhone: string[] = [];
    for (let n = 0; n < manyReports + 1; n++)
      byPhone.push(await newReport({ description: `Report ${n}: the hotline 041 555 123.` }));
    await indexWaitingIdentifiers(keys, { take: 100 });
    expect(await db.waitingReportIdentifiers.count()).toBe(0);

    // 51 others share the phone: too common to list; the car's one report is listed.
    const seen = await listPossibleLinks(report, user);
    expect(seen.sharedByMany).toEqual(["phone"]);
    expect(seen.links.map((link) => [link.reportId, link.kinds])).toEqual([[byCar, ["plate"]]]);
    // Seen from one of the 52, the same: 51 others, none listed.
    expect(await listPossibleLinks(byPhone[0]!, user)).toEqual({
      links: [],
      sharedByMany: ["phone"],
    });

    // Organisation staff count only reports routed to their organisation: three for Ključ.
    const kljuc = await organizationId("kljuc");
    for (const id of [report, ...byPhone.slice(0, 3)])
      await routeReport({
        reportId: id,
        organizationIds: [kljuc],
        officerId: officer.userId,
        keys: keys.organizationKeys,
      });
    const kljucStaff = await readStaffUser(
      (await createStaff("ORG_STAFF", { organization: "kljuc" })).userId,
    );
    const theirs = await listPossibleLinks(report, kljucStaff);
    expect(theirs.sharedByMany).toEqual([]);
    expect(theirs.links.map((link) => link.reportId).sort()).toEqual(byPhone.slice(0, 3).sort());
    expect(theirs.links.every((link) => link.kinds.join() === "phone")).toBe(true);

    // Exactly 50 others: every one of them is listed, newest first.
    await db.reportIdentifier.deleteMany({ where: { reportId: byPhone.at(-1), kind: "phone" } });
    const fifty = await listPossibleLinks(report, user);
    expect(fifty.sharedByMany).toEqual([]);
    expect(fifty.links.map((link) => link.reportId).sort()).toEqual(
      [byCar, ...byPhone.slice(0, manyReports)].sort(),
    );
    const times = fifty.links.map((link) => link.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("keeps links working across a rotation of the police key, waiting identifiers included", async () => {
    const { officer, keys } = await triageWithKeys();
    const colleague = await createStaff("TRIAGE");
    await openKeysOf(colleague);
    const first = await newReport({ description: texts[0] });
    await indexWaitingIdentifiers(keys);
    // Submitted before the rotation, indexed after it.
    const second = await newReport({ description: texts[1] });
    const user = await readStaffUser(officer.userId);
    await revokeOrganizationKeyGrant(user, colleague.userId);
    const rotated = await rotateOrganizationKey(user, keys.organizationKeys[0]!);
    if (rotated.status !== "rotated") throw new Error(rotated.status);
    // The index key, the second report's waiting identifiers and both reports' content keys.
    expect(rotated.resealed).toBe(4);
    // The old police key is gone; the index key opens with the new one and is the same key.
    const police: OrganizationKeyPair = rotated.key;
    const indexKey = await openLinkIndexKey(police);
    expect(indexKey?.equals(keys.indexKey)).toBe(true);
    expect(await indexWaitingIdentifiers({ organizationKeys: [police], indexKey: indexKey! })).toBe(
      1,
    );
    expect((await listPossibleLinks(second, user)).links.map((l) => l.reportId)).toEqual([first]);
    // A report submitted now waits sealed to the new key (submitted directly: the test custodian,
    // disabled, was not granted the new version, so newReport's set-up would not find it).
    const data = minimalReportData(texts[2]!);
    const created = await createReport({ data, locale: "uk", submissionId: randomUUID() });
    expect(created.status).toBe("created");
    const waiting = await db.waitingReportIdentifiers.findFirstOrThrow();
    expect(waiting.organizationKeyId).toBe(police.organizationKeyId);
  });

  it("no identifier appears in plaintext anywhere in the database", async () => {
    const { officer, keys } = await triageWithKeys();
    for (const description of [...texts, unrelated]) await newReport({ description });
    // One report indexed, the others still waiting: both forms are searched.
    await indexWaitingIdentifiers(keys, { take: 2 });
    const user = await readStaffUser(officer.userId);
    const [someReport] = await db.report.findMany({ take: 1, select: { id: true } });
    await addIdentifiers(user, keys.indexKey, someReport!.id, "@marko_dela, marko@primer.si");
    expect(await db.waitingReportIdentifiers.count()).toBe(2);
    expect(await db.reportIdentifier.count()).toBeGreaterThan(2);

    const needles = [...plaintexts, "marko_dela", "marko@primer.si"].flatMap((value) =>
      [
        value,
        Buffer.from(value, "utf8").toString("hex"),
        Buffer.from(value, "utf8").toString("base64"),
      ].map((needle) => needle.toLowerCase()),
    );
    const tables = await withPg(async (c) =>
      (
        await c.query<{ tablename: string }>(
          "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
        )
      ).rows.map((r) => r.tablename),
    );
    expect(tables).toEqual(
      expect.arrayContaining(["ReportIdentifier", "WaitingReportIdentifiers", "LinkIndexKey"]),
    );
    let rows = 0;
    for (const table of tables) {
      const text = await withPg(async (c) =>
        (await c.query<{ row: string }>(`SELECT t::text AS row FROM "${table}" t`)).rows.map((r) =>
          r.row.toLowerCase(),
        ),
      );
      rows += text.length;
      for (const row of text)
        expect(
          needles.filter((needle) => row.includes(needle)),
          `${table}: ${row.slice(0, 120)}`,
        ).toEqual([]);
    }
    expect(rows).toBeGreaterThan(20);
  });
});
