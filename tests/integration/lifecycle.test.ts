import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getReporterStatus } from "@/lib/followup/reporter-status";
import { listReportReferrals } from "@/lib/referrals/list-report-referrals";
import { acknowledgeReferral, closeReferral } from "@/lib/referrals/referrals";
import { routeReport } from "@/lib/referrals/route-report";
import { changeStatus } from "@/lib/reports/change-status";
import { createReport } from "@/lib/reports/create-report";
import { reportSchema } from "@/lib/validation/report";
import { resetDatabase } from "../support/database";
import { staffUser, seedOrganizationIds } from "../support/case-data";
import { triageKeys } from "../support/test-keys";

// A report follows its referrals (lib/reports/close-handled-report.ts), on real PostgreSQL:
// closed once when the last referral closes, also when organisations close at the same moment;
// reopened by triage; told truthfully to the reporter; outcomes listed for the triage list.

const data = reportSchema.parse({
  forms: ["sexual"],
  region: "osrednjeslovenska",
  whenPeriod: "ongoing",
  peopleCount: "one",
  minors: "no",
  immediateDanger: "no",
  reporterRole: "witness",
  description: "A woman in the flat next door is never allowed out.",
});

let org: Record<string, string>;
let officer: StaffUser;
let kljuc: StaffUser;
let kljucColleague: StaffUser;
let caritas: StaffUser;

const staff = (role: "TRIAGE" | "ORG_STAFF", slug?: string): Promise<StaffUser> =>
  staffUser(role, { organization: slug, name: role, locale: "sl" });

async function routedReport(slugs: string[]) {
  const created = await createReport({ data, locale: "sl", submissionId: randomUUID() });
  if (created.status !== "created") throw new Error("not created");
  const routed = await routeReport({
    reportId: created.reportId,
    organizationIds: slugs.map((slug) => org[slug]!),
    keys: await triageKeys(),
    officerId: officer.id,
  });
  if (routed.status !== "routed") throw new Error(routed.status);
  return { reportId: created.reportId, referralIds: routed.referralIds };
}

const report = (id: string) =>
  db.report.findUniqueOrThrow({
    where: { id },
    select: { status: true, closedAt: true, closeReason: true },
  });
const closures = (reportId: string) =>
  db.auditEvent.count({ where: { reportId, action: "report.status.CLOSED" } });

beforeEach(async () => {
  await resetDatabase();
  org = await seedOrganizationIds();
  officer = await staff("TRIAGE");
  kljuc = await staff("ORG_STAFF", "kljuc");
  kljucColleague = await staff("ORG_STAFF", "kljuc");
  caritas = await staff("ORG_STAFF", "caritas");
});
afterAll(() => db.$disconnect());

describe("a report follows its referrals", () => {
  it("is closed when the last referral closes, not before, and the reporter is told each step", async () => {
    const created = await createReport({ data, locale: "sl", submissionId: randomUUID() });
    if (created.status !== "created") throw new Error("not created");
    const { reportId } = created;
    expect((await getReporterStatus(reportId, "en")).status).toBe("received");
    await changeStatus({
      reportIds: [reportId],
      to: "IN_TRIAGE",
      keys: await triageKeys(),
      officerId: officer.id,
    });
    expect((await getReporterStatus(reportId, "en")).status).toBe("beingLookedAt");
    const routed = await routeReport({
      reportId,
      organizationIds: [org.kljuc!, org.caritas!],
      keys: await triageKeys(),
      officerId: officer.id,
    });
    if (routed.status !== "routed") throw new Error(routed.status);
    const [kljucReferral, caritasReferral] = routed.referralIds;

    expect(await getReporterStatus(reportId, "en")).toEqual({
      status: "passedOn",
      closed: false,
      passedTo: [
        {
          slug: "kljuc",
          name: "Ključ Society – Centre for Combating Trafficking in Human Beings",
          finished: false,
        },
        { slug: "caritas", name: "Caritas Slovenia", finished: false },
      ],
    });

    expect(await closeReferral(kljucReferral!, "ASSISTED", kljuc)).toBe(true);
    expect((await report(reportId)).status).toBe("REFERRED");
    expect((await getReporterStatus(reportId, "sl")).passedTo).toEqual([
      { slug: "kljuc", name: expect.stringContaining("Ključ"), finished: true },
      { slug: "caritas", name: "Slovenska karitas", finished: false },
    ]);

    expect(await closeReferral(caritasReferral!, "REFERRED_ON", caritas)).toBe(true);
    const closed = await report(reportId);
    expect(closed.status).toBe("CLOSED");
    expect(closed.closedAt).toBeInstanceOf(Date);
    // The outcomes say why; no reason text is made up.
    expect(closed.closeReason).toBeNull();
    expect(await closures(reportId)).toBe(1);
    expect(await getReporterStatus(reportId, "uk")).toEqual({
      status: "closed",
      closed: true,
      passedTo: [],
    });
  });

  it("is closed exactly once when two organisations close at the same moment", async () => {
    const reports = await Promise.all(
      Array.from({ length: 6 }, () => routedReport(["kljuc", "caritas"])),
    );
    const results = await Promise.all(
      reports.flatMap(({ referralIds: [k, c] }) => [
        closeReferral(k!, "ASSISTED", kljuc),
        closeReferral(c!, "NO_CONTACT", caritas),
      ]),
    );
    expect(results.every(Boolean)).toBe(true);
    for (const { reportId } of reports) {
      expect((await report(reportId)).status).toBe("CLOSED");
      expect(await closures(reportId)).toBe(1);
    }
  });

  it("closes one referral once when two of its staff close it at the same moment", async () => {
    const { reportId, referralIds } = await routedReport(["kljuc"]);
    const results = await Promise.all([
      closeReferral(referralIds[0]!, "ASSISTED", kljuc),
      closeReferral(referralIds[0]!, "NOT_TRAFFICKING", kljucColleague),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { reportId, action: "referral.closed" } })).toBe(1);
    expect(await closures(reportId)).toBe(1);
  });

  it("is not closed again when triage closed it first, nor while triage has taken it back", async () => {
    const first = await routedReport(["kljuc"]);
    await changeStatus({
      reportIds: [first.reportId],
      to: "CLOSED",
      reason: "Duplicate of another report.",
      keys: await triageKeys(),
      officerId: officer.id,
    });
    expect(await closeReferral(first.referralIds[0]!, "NO_CONTACT", kljuc)).toBe(true);
    expect(await closures(first.reportId)).toBe(1);

    // Reopened with one referral still open: Ključ closing it leaves the decision to triage.
    const second = await routedReport(["kljuc", "caritas"]);
    expect(await closeReferral(second.referralIds[0]!, "ASSISTED", kljuc)).toBe(true);
    await changeStatus({
      reportIds: [second.reportId],
      to: "CLOSED",
      reason: "Police took over.",
      keys: await triageKeys(),
      officerId: officer.id,
    });
    expect(
      await changeStatus({
        reportIds: [second.reportId],
        to: "IN_TRIAGE",
        keys: await triageKeys(),
        officerId: officer.id,
      }),
    ).toBe(1);
    expect(await closeReferral(second.referralIds[1]!, "ASSISTED", caritas)).toBe(true);
    expect((await report(second.reportId)).status).toBe("IN_TRIAGE");
  });
});

describe("reopening", () => {
  it("takes a closed report back into triage, where it can be routed again and close again", async () => {
    const { reportId, referralIds } = await routedReport(["kljuc"]);
    await closeReferral(referralIds[0]!, "ASSISTED", kljuc);
    expect((await report(reportId)).status).toBe("CLOSED");
    // A closed report takes no new referral until it is reopened.
    expect(
      await routeReport({
        reportId,
        organizationIds: [org.caritas!],
        keys: await triageKeys(),
        officerId: officer.id,
      }),
    ).toEqual({ status: "notAllowed" });

    expect(
      await changeStatus({
        reportIds: [reportId],
        to: "IN_TRIAGE",
        keys: await triageKeys(),
        officerId: officer.id,
      }),
    ).toBe(1);
    expect(await report(reportId)).toEqual({
      status: "IN_TRIAGE",
      closedAt: null,
      closeReason: null,
    });
    expect(await db.auditEvent.count({ where: { reportId, action: "report.reopened" } })).toBe(1);
    expect((await getReporterStatus(reportId, "en")).status).toBe("beingLookedAt");
    // Ključ's closed referral stays closed, with its outcome.
    expect((await db.referral.findUniqueOrThrow({ where: { id: referralIds[0]! } })).outcome).toBe(
      "ASSISTED",
    );

    const again = await routeReport({
      reportId,
      organizationIds: [org.caritas!],
      keys: await triageKeys(),
      officerId: officer.id,
    });
    if (again.status !== "routed") throw new Error(again.status);
    expect(await closeReferral(again.referralIds[0]!, "NO_CONTACT", caritas)).toBe(true);
    expect((await report(reportId)).status).toBe("CLOSED");
    expect(await closures(reportId)).toBe(2);
  });

  it("reopens spam too; moving an open report into triage reopens nothing", async () => {
    const created = await createReport({ data, locale: "sl", submissionId: randomUUID() });
    if (created.status !== "created") throw new Error("not created");
    await changeStatus({
      reportIds: [created.reportId],
      to: "SPAM",
      reason: "Advertising.",
      keys: await triageKeys(),
      officerId: officer.id,
    });
    expect(
      await changeStatus({
        reportIds: [created.reportId],
        to: "IN_TRIAGE",
        keys: await triageKeys(),
        officerId: officer.id,
      }),
    ).toBe(1);
    expect((await report(created.reportId)).status).toBe("IN_TRIAGE");
    expect(
      await changeStatus({
        reportIds: [created.reportId],
        to: "IN_TRIAGE",
        keys: await triageKeys(),
        officerId: officer.id,
      }),
    ).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "report.reopened" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "report.status.IN_TRIAGE" } })).toBe(0);
  });
});

describe("outcomes for the list", () => {
  it("gives each report of a page its referrals with organisation, state and outcome, in scope", async () => {
    const a = await routedReport(["kljuc", "caritas"]);
    const b = await routedReport(["caritas"]);
    const created = await createReport({ data, locale: "sl", submissionId: randomUUID() });
    if (created.status !== "created") throw new Error("not created");
    await acknowledgeReferral(a.referralIds[1]!, caritas);
    await closeReferral(a.referralIds[0]!, "ASSISTED", kljuc);

    const page = [a.reportId, b.reportId, created.reportId];
    const all = await listReportReferrals(page, officer);
    expect(
      Object.fromEntries(
        Object.entries(all).map(([id, referrals]) => [
          id,
          referrals.map((r) => [r.organization.slug, r.state, r.outcome]),
        ]),
      ),
    ).toEqual({
      [a.reportId]: [
        ["kljuc", "closed", "ASSISTED"],
        ["caritas", "acknowledged", null],
      ],
      [b.reportId]: [["caritas", "waiting", null]],
      [created.reportId]: [],
    });
    expect(all[a.reportId]![1]!.organization.nameSl).toBe("Slovenska karitas");

    // Ključ sees its own referral only, even when asking for others' reports by id.
    const mine = await listReportReferrals(page, kljuc);
    expect(mine[a.reportId]!.map((r) => r.organization.slug)).toEqual(["kljuc"]);
    expect(mine[b.reportId]).toEqual([]);
    // Junk ids are ignored, not sent to the database.
    expect(await listReportReferrals(["not-an-id"], officer)).toEqual({});
  });
});
