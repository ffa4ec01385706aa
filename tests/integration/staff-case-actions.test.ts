import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { idle } from "@/lib/actions/form-state";
import { db } from "@/lib/db";
import { resetDatabase } from "../support/database";
import { createStaff, readStaffUser, type TestStaff } from "../support/staff";
import { newReport, seedOrganizationIds } from "../support/case-data";
import { formData as form } from "../support/form-data";
import { actAs } from "../support/next-headers";

// The report page's actions as a browser calls them, with real sessions and a real database:
// routing that cannot re-send, and taking or releasing only what is the caller's to take.

vi.mock("next/headers", () => import("../support/next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next-intl/server", () => ({ getLocale: async () => "en" }));
vi.mock("next/navigation", () => import("../support/next-navigation"));

const {
  routeReportAction,
  takeReportAction,
  releaseReportAction,
  takeReferralAction,
  releaseReferralAction,
} = await import("@/app/[locale]/(staff)/dashboard/reports/actions");
const { getHolders } = await import("@/lib/assignment/holders");

let triage: TestStaff;
let kljuc: TestStaff;
let caritas: TestStaff;
let secondTriage: TestStaff;
let org: Record<string, string>;

const newReportId = () =>
  newReport({ description: "Case actions test report text.", locale: "sl" });

beforeAll(async () => {
  await resetDatabase();
  org = await seedOrganizationIds();
  triage = await createStaff("TRIAGE");
  kljuc = await createStaff("ORG_STAFF", { organization: "kljuc" });
  caritas = await createStaff("ORG_STAFF", { organization: "caritas" });
  secondTriage = await createStaff("TRIAGE");
}, 120_000);
afterAll(() => db.$disconnect());

describe("routing through the action", () => {
  it("routing twice to the same organisation creates no second referral and no second notice", async () => {
    const reportId = await newReportId();
    actAs(triage.headers);
    const route = (ids: string[]) =>
      routeReportAction(idle, form({ reportId, organizationIds: ids }));
    expect((await route([org.kljuc!])).status).toBe("done");
    const notices = await db.outboxEmail.count({ where: { template: "referral" } });
    expect(notices).toBeGreaterThan(0);

    // The same organisation again, alone or beside a new one: refused as a whole.
    for (const ids of [[org.kljuc!], [org.caritas!, org.kljuc!]]) {
      const again = await route(ids);
      expect(again).toMatchObject({ status: "refused", error: "conflict" });
    }
    expect(await db.referral.count({ where: { reportId } })).toBe(1);
    expect(await db.referral.count({ where: { reportId, organizationId: org.caritas! } })).toBe(0);
    expect(await db.outboxEmail.count({ where: { template: "referral" } })).toBe(notices);
    expect(await db.auditEvent.count({ where: { reportId, action: "report.routed" } })).toBe(1);

    // Another organisation is still welcome: the report stays referred, now to two.
    expect((await route([org.caritas!])).status).toBe("done");
    expect(
      (await db.referral.findMany({ where: { reportId }, select: { organizationId: true } }))
        .map((r) => r.organizationId)
        .sort(),
    ).toEqual([org.kljuc!, org.caritas!].sort());
    expect((await db.report.findUniqueOrThrow({ where: { id: reportId } })).status).toBe(
      "REFERRED",
    );
  });

  it("organisation staff cannot route at all", async () => {
    const reportId = await newReportId();
    actAs(kljuc.headers);
    expect(
      await routeReportAction(idle, form({ reportId, organizationIds: [org.kljuc!] })),
    ).toMatchObject({ status: "refused", error: "forbidden" });
    expect(await db.referral.count({ where: { reportId } })).toBe(0);
  });
});

describe("taking and releasing through the actions", () => {
  /** A report routed to Ključ and Caritas; returns the referral ids by organisation. */
  async function routedToBoth() {
    const reportId = await newReportId();
    actAs(triage.headers);
    await routeReportAction(idle, form({ reportId, organizationIds: [org.kljuc!, org.caritas!] }));
    const referrals = await db.referral.findMany({
      where: { reportId },
      select: { id: true, organizationId: true },
    });
    const idOf = (slug: string) => referrals.find((r) => r.organizationId === org[slug])!.id;
    return { reportId, kljucReferral: idOf("kljuc"), caritasReferral: idOf("caritas") };
  }
  const holderOf = async (referralId: string) =>
    (await db.referral.findUniqueOrThrow({ where: { id: referralId } })).assigneeId;

  it("organisation staff cannot take or release another organisation's referral by its id", async () => {
    const { kljucReferral, caritasReferral } = await routedToBoth();
    actAs(caritas.headers);
    expect(await takeReferralAction(idle, form({ id: kljucReferral }))).toMatchObject({
      status: "refused",
      error: "notFound",
    });
    expect(await holderOf(kljucReferral)).toBeNull();

    // Ključ takes its own; Caritas can neither release nor take it, and Caritas's own is untouched.
    actAs(kljuc.headers);
    expect((await takeReferralAction(idle, form({ id: kljucReferral }))).status).toBe("done");
    actAs(caritas.headers);
    expect((await releaseReferralAction(idle, form({ id: kljucReferral }))).status).toBe("refused");
    expect((await takeReferralAction(idle, form({ id: kljucReferral }))).status).toBe("refused");
    expect(await holderOf(kljucReferral)).toBe(kljuc.userId);
    expect(await holderOf(caritasReferral)).toBeNull();
    // The report page names the holder to Ključ, and shows Caritas nothing of Ključ's referral.
    const asUser = readStaffUser;
    const reportId = (await db.referral.findUniqueOrThrow({ where: { id: kljucReferral } }))
      .reportId;
    expect(
      (await getHolders(reportId, await asUser(kljuc.userId))).referrals.get(kljucReferral),
    ).toMatchObject({ id: kljuc.userId });
    const seenByCaritas = await getHolders(reportId, await asUser(caritas.userId));
    expect(seenByCaritas.referrals.has(kljucReferral)).toBe(false);
    expect(seenByCaritas.referrals.get(caritasReferral)).toBeNull();
    expect(
      await db.auditEvent.count({ where: { action: "referral.taken", actorId: caritas.userId } }),
    ).toBe(0);
  });

  it("a report held by one officer is not taken by another; its holder releases it", async () => {
    const reportId = await newReportId();
    actAs(triage.headers);
    expect(await takeReportAction(idle, form({ id: reportId }))).toMatchObject({
      status: "done",
      message: "taken",
    });
    actAs(secondTriage.headers);
    expect(await takeReportAction(idle, form({ id: reportId }))).toMatchObject({
      status: "refused",
      error: "conflict",
    });
    expect(await releaseReportAction(idle, form({ id: reportId }))).toMatchObject({
      status: "refused",
    });
    expect((await db.report.findUniqueOrThrow({ where: { id: reportId } })).assigneeId).toBe(
      triage.userId,
    );
    actAs(triage.headers);
    expect(await releaseReportAction(idle, form({ id: reportId }))).toMatchObject({
      status: "done",
      message: "released",
    });
    expect((await db.report.findUniqueOrThrow({ where: { id: reportId } })).assigneeId).toBeNull();
    // Organisation staff hold referrals, never reports; junk ids are refused before any query.
    actAs(kljuc.headers);
    expect(await takeReportAction(idle, form({ id: reportId }))).toMatchObject({
      error: "forbidden",
    });
    actAs(triage.headers);
    expect(await takeReportAction(idle, form({ id: "' OR 1=1 --" }))).toMatchObject({
      error: "invalid",
    });
  });
});
