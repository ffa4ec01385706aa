import { beforeEach, describe, expect, it } from "vitest";
import {
  assigneeSelect,
  handOnReferral,
  handOnReport,
  listAssignableColleagues,
  referralsAssignedTo,
  releaseReferral,
  releaseReport,
  reportsAssignedTo,
  takeReferral,
  takeReport,
} from "@/lib/assignment/assign";
import { db } from "@/lib/db";
import { routeReport } from "@/lib/referrals/route-report";
import { seedOrganizations } from "@/prisma/seed";
import { freshDatabaseAndEnvironment } from "../support/fresh-each-test";
import { organizationId, staffUser, storedReport } from "../support/case-data";
import { makeTestKeys, triageKeys } from "../support/test-keys";

freshDatabaseAndEnvironment();
beforeEach(async () => {
  await seedOrganizations(db);
  await makeTestKeys();
});

const holderOf = async (reportId: string) =>
  (
    await db.report.findUniqueOrThrow({
      where: { id: reportId },
      select: { assignee: assigneeSelect },
    })
  ).assignee;
const auditOf = async (reportId: string) =>
  (
    await db.auditEvent.findMany({
      where: { reportId, action: { contains: "." }, actorKind: "STAFF" },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true, detail: true },
    })
  ).filter((e) => /taken|released|handedOn/.test(e.action));

describe("assigning a report (triage)", () => {
  it("take, others see the holder and cannot take it, release, filter 'assigned to me'", async () => {
    const ana = await staffUser("TRIAGE", { name: "Ana" });
    const bor = await staffUser("TRIAGE", { name: "Bor" });
    const [report, other] = [await storedReport(), await storedReport()];

    expect(await takeReport(report.id, ana)).toEqual({ status: "done" });
    expect(await holderOf(report.id)).toEqual({ id: ana.id, name: "Ana" });
    expect(await takeReport(report.id, bor)).toEqual({
      status: "held",
      holder: { id: ana.id, name: "Ana" },
    });
    // Only the holder releases; anyone else is told who holds it.
    expect(await releaseReport(report.id, bor)).toMatchObject({ status: "held" });
    expect(
      (await db.report.findMany({ where: reportsAssignedTo(ana), select: { id: true } })).map(
        (r) => r.id,
      ),
    ).toEqual([report.id]);
    expect(await db.report.count({ where: reportsAssignedTo(bor) })).toBe(0);

    expect(await releaseReport(report.id, ana)).toEqual({ status: "done" });
    expect(await holderOf(report.id)).toBeNull();
    expect(await takeReport(other.id, bor)).toEqual({ status: "done" });

    expect(await auditOf(report.id)).toEqual([
      { action: "report.taken", actorId: ana.id, detail: { from: null, to: ana.id } },
      { action: "report.released", actorId: ana.id, detail: { from: ana.id, to: null } },
    ]);
  });

  it("hands on to a colleague only while the holder is the one the caller saw", async () => {
    const ana = await staffUser("TRIAGE");
    const bor = await staffUser("TRIAGE");
    const cene = await staffUser("TRIAGE");
    const admin = await staffUser("ADMIN");
    const kljuc = await staffUser("ORG_STAFF", { organization: "kljuc" });
    const report = await storedReport();
    await takeReport(report.id, ana);

    // Bor saw nobody holding it: his stale view loses.
    expect(
      await handOnReport(report.id, { to: bor.id, expectedHolderId: null }, bor),
    ).toMatchObject({ status: "held", holder: { id: ana.id } });
    // Not to someone who cannot triage.
    for (const to of [admin.id, kljuc.id])
      expect(await handOnReport(report.id, { to, expectedHolderId: ana.id }, bor)).toEqual({
        status: "invalidAssignee",
      });
    expect(await handOnReport(report.id, { to: cene.id, expectedHolderId: ana.id }, bor)).toEqual({
      status: "done",
    });
    expect((await holderOf(report.id))?.id).toBe(cene.id);
    expect((await auditOf(report.id)).at(-1)).toEqual({
      action: "report.handedOn",
      actorId: bor.id,
      detail: { from: ana.id, to: cene.id },
    });
    expect((await listAssignableColleagues("report", ana)).map((u) => u.id).sort()).toEqual(
      [ana.id, bor.id, cene.id].sort(),
    );
  });

  it("of two officers taking at once, exactly one wins", async () => {
    const officers = await Promise.all(Array.from({ length: 6 }, () => staffUser("TRIAGE")));
    const report = await storedReport();
    const results = await Promise.all(officers.map((officer) => takeReport(report.id, officer)));
    const winners = officers.filter((_, i) => results[i]!.status === "done");
    expect(winners).toHaveLength(1);
    expect((await holderOf(report.id))?.id).toBe(winners[0]!.id);
    expect(results.filter((r) => r.status === "held")).toHaveLength(5);
    expect(await auditOf(report.id)).toHaveLength(1);
  });

  it("is refused to administrators and organisation staff, and on closed reports", async () => {
    const admin = await staffUser("ADMIN");
    const kljuc = await staffUser("ORG_STAFF", { organization: "kljuc" });
    const triage = await staffUser("TRIAGE");
    const report = await storedReport();
    for (const caller of [admin, kljuc])
      expect(await takeReport(report.id, caller)).toEqual({ status: "notFound" });
    await db.report.update({ where: { id: report.id }, data: { status: "CLOSED" } });
    expect(await takeReport(report.id, triage)).toEqual({ status: "notFound" });
    expect(await takeReport(crypto.randomUUID(), triage)).toEqual({ status: "notFound" });
    expect(await listAssignableColleagues("report", admin)).toEqual([]);
  });
});

describe("assigning a referral (organisation staff)", () => {
  it("only within the caller's organisation, handed on only to a colleague there", async () => {
    const triage = await staffUser("TRIAGE");
    const [mia, nika] = [
      await staffUser("ORG_STAFF", { organization: "kljuc", name: "Mia" }),
      await staffUser("ORG_STAFF", { organization: "kljuc", name: "Nika" }),
    ];
    const caritas = await staffUser("ORG_STAFF", { organization: "caritas" });
    const report = await storedReport();
    const routed = await routeReport({
      reportId: report.id,
      organizationIds: [await organizationId("kljuc"), await organizationId("caritas")],
      keys: await triageKeys(),
      officerId: triage.id,
    });
    if (routed.status !== "routed") throw new Error(routed.status);
    const [kljucReferral, caritasReferral] = await Promise.all(
      ["kljuc", "caritas"].map(async (slug) =>
        db.referral.findFirstOrThrow({
          where: { reportId: report.id, organization: { slug } },
          select: { id: true },
        }),
      ),
    );

    // Another organisation's referral is simply not found, whatever id is sent.
    expect(await takeReferral(kljucReferral!.id, caritas)).toEqual({ status: "notFound" });
    expect(await takeReferral(kljucReferral!.id, triage)).toEqual({ status: "notFound" });
    expect(await takeReferral(kljucReferral!.id, mia)).toEqual({ status: "done" });
    expect(await takeReferral(kljucReferral!.id, nika)).toEqual({
      status: "held",
      holder: { id: mia.id, name: "Mia" },
    });
    expect(
      await handOnReferral(kljucReferral!.id, { to: caritas.id, expectedHolderId: mia.id }, mia),
    ).toEqual({ status: "invalidAssignee" });
    expect(
      await handOnReferral(kljucReferral!.id, { to: nika.id, expectedHolderId: mia.id }, mia),
    ).toEqual({ status: "done" });
    expect(
      (await db.referral.findMany({ where: referralsAssignedTo(nika), select: { id: true } })).map(
        (r) => r.id,
      ),
    ).toEqual([kljucReferral!.id]);
    expect(await releaseReferral(kljucReferral!.id, nika)).toEqual({ status: "done" });
    expect(await takeReferral(caritasReferral!.id, caritas)).toEqual({ status: "done" });
    expect((await listAssignableColleagues("referral", mia)).map((u) => u.name)).toEqual([
      "Mia",
      "Nika",
    ]);

    const audit = await auditOf(report.id);
    expect(audit.map((e) => e.action)).toEqual([
      "referral.taken",
      "referral.handedOn",
      "referral.released",
      "referral.taken",
    ]);
    expect(audit[1]!.detail).toEqual({
      referralId: kljucReferral!.id,
      from: mia.id,
      to: nika.id,
    });
  });

  it("of colleagues taking at once, exactly one wins", async () => {
    const triage = await staffUser("TRIAGE");
    const staff = await Promise.all(
      Array.from({ length: 5 }, () => staffUser("ORG_STAFF", { organization: "kljuc" })),
    );
    const report = await storedReport();
    const routed = await routeReport({
      reportId: report.id,
      organizationIds: [await organizationId("kljuc")],
      keys: await triageKeys(),
      officerId: triage.id,
    });
    if (routed.status !== "routed") throw new Error(routed.status);
    const results = await Promise.all(
      staff.map((person) => takeReferral(routed.referralIds[0]!, person)),
    );
    expect(results.filter((r) => r.status === "done")).toHaveLength(1);
    expect(results.filter((r) => r.status === "held")).toHaveLength(4);
  });
});
