import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { seedOrganizations } from "@/prisma/seed";
import { resetDatabase } from "../support/database";
import { actors, createActors, readStaffUser, type Actor, type TestStaff } from "../support/staff";
import { organizationId, staffUser, storedReport } from "../support/case-data";
import { actAs } from "../support/next-headers";
import { keysOf, makeTestKeys, triageKeys } from "../support/test-keys";

// Every permission against every kind of caller, through authorize() with a real session (the
// check every page, route and action makes), then what each caller's data functions return for a
// report routed to Ključ. Both tables are written out by hand, not derived from
// lib/auth/permissions.ts, which they check. Server actions: authorization-matrix.test.ts.

vi.mock("next/headers", () => import("../support/next-headers"));

const { authorize } = await import("@/lib/auth/session");
const { getReportForStaff } = await import("@/lib/reports/get-report");
const { handOnReferral, takeReferral, takeReport } = await import("@/lib/assignment/assign");
const { addReferralNote } = await import("@/lib/referrals/referral-notes");
const { findOverdue } = await import("@/lib/deadlines/overdue");
const { routeReport } = await import("@/lib/referrals/route-report");

const Y = "allowed";
const N = "denied";
type Cell = typeof Y | typeof N;
// prettier-ignore
const matrix: Record<string, [Cell, Cell, Cell, Cell, Cell, Cell]> = {
  //                          signedOut noSecondF admin  triage kljuc  caritas
  "dashboard.view":            [N,       N,        Y,     Y,     Y,     Y],
  "account.signOutEverywhere": [N,       N,        Y,     Y,     Y,     Y],
  "reports.read.all":          [N,       N,        N,     Y,     N,     N],
  "reports.read.scoped":       [N,       N,        N,     Y,     Y,     Y],
  "reports.export":            [N,       N,        N,     Y,     Y,     Y],
  "reports.route":             [N,       N,        N,     Y,     N,     N],
  "reports.status.change":     [N,       N,        N,     Y,     N,     N],
  "reports.assign":            [N,       N,        N,     Y,     N,     N],
  "referrals.read.own":        [N,       N,        N,     N,     Y,     Y],
  "referrals.update.own":      [N,       N,        N,     N,     Y,     Y],
  "referrals.assign.own":      [N,       N,        N,     N,     Y,     Y],
  "messages.write":            [N,       N,        N,     Y,     Y,     Y],
  "notes.write":               [N,       N,        N,     Y,     Y,     Y],
  "referrals.note":            [N,       N,        N,     Y,     Y,     Y],
  "threads.triage":            [N,       N,        N,     Y,     N,     N],
  "threads.own":               [N,       N,        N,     N,     Y,     Y],
  "threads.overview":          [N,       N,        N,     Y,     N,     N],
  "users.manage":              [N,       N,        Y,     N,     N,     N],
  "organizations.manage":      [N,       N,        Y,     N,     N,     N],
  "audit.read":                [N,       N,        Y,     N,     N,     N],
  "health.details":            [N,       N,        Y,     N,     N,     N],
  "statistics.view":           [N,       N,        Y,     Y,     N,     N],
  "keys.manage":               [N,       N,        N,     Y,     Y,     Y],
  "links.read":                [N,       N,        N,     Y,     Y,     Y],
  "links.decide":              [N,       N,        N,     Y,     N,     N],
  "links.index":               [N,       N,        N,     Y,     N,     N],
};

let people: Record<Exclude<Actor, "signedOut">, TestStaff>;

beforeAll(async () => {
  await resetDatabase();
  await seedOrganizations(db);
  await makeTestKeys();
  people = await createActors();
}, 120_000);
afterAll(() => db.$disconnect());

describe("authorization matrix: permissions", () => {
  it("states every permission in the table", async () => {
    const { permissions } = await import("@/lib/auth/permissions");
    expect(Object.keys(matrix).sort()).toEqual(Object.keys(permissions).sort());
  });

  for (const [permission, cells] of Object.entries(matrix)) {
    actors.forEach((actor, i) => {
      it(`${permission} for ${actor}: ${cells[i]}`, async () => {
        actAs(actor === "signedOut" ? new Headers() : people[actor].headers);
        const user = await authorize(permission as never);
        expect(user === null ? N : Y).toBe(cells[i]);
      });
    });
  }
});

// What each signed-in role's data functions do with one report routed to Ključ, the report
// overdue for acknowledgement. "yes": it reads or takes; "no": it finds nothing.
type Data =
  | "readReport"
  | "seeOverdue"
  | "takeReport"
  | "takeReferral"
  | "handOnReferralToSelf"
  | "noteReferral";
// prettier-ignore
const data: Record<Data, Record<"admin" | "triage" | "kljuc" | "caritas", "yes" | "no">> = {
  readReport:   { admin: "no", triage: "yes", kljuc: "yes", caritas: "no" },
  seeOverdue:   { admin: "no", triage: "yes", kljuc: "yes", caritas: "no" },
  takeReport:   { admin: "no", triage: "yes", kljuc: "no",  caritas: "no" },
  takeReferral: { admin: "no", triage: "no",  kljuc: "yes", caritas: "no" },
  handOnReferralToSelf: { admin: "no", triage: "no", kljuc: "yes", caritas: "no" },
  noteReferral: { admin: "no", triage: "yes", kljuc: "yes", caritas: "no" },
};

describe("authorization matrix: data in scope", () => {
  for (const [fn, cells] of Object.entries(data) as [Data, (typeof data)[Data]][]) {
    for (const [actor, expected] of Object.entries(cells) as ["admin", "yes" | "no"][]) {
      it(`${fn} by ${actor}: ${expected}`, async () => {
        const officer = await staffUser("TRIAGE");
        const report = await storedReport("LOW");
        const routed = await routeReport({
          reportId: report.id,
          organizationIds: [await organizationId("kljuc")],
          keys: await triageKeys(),
          officerId: officer.id,
        });
        if (routed.status !== "routed") throw new Error(routed.status);
        const user = await readStaffUser(people[actor].userId);
        const referralId = routed.referralIds[0]!;
        const later = new Date(Date.now() + 25 * 60 * 60 * 1000);
        const does: Record<Data, () => Promise<boolean>> = {
          readReport: async () =>
            (await getReportForStaff(report.id, user, await keysOf(user))) !== null,
          seeOverdue: async () =>
            (await findOverdue(user, { now: later })).referralIds.has(referralId),
          takeReport: async () => (await takeReport(report.id, user)).status === "done",
          takeReferral: async () => (await takeReferral(referralId, user)).status === "done",
          handOnReferralToSelf: async () =>
            (await handOnReferral(referralId, { to: user.id, expectedHolderId: null }, user))
              .status === "done",
          noteReferral: async () =>
            addReferralNote(referralId, "Please call back.", user, await keysOf(user)),
        };
        const got = await does[fn]();
        expect(got ? "yes" : "no").toBe(expected);
      });
    }
  }
});
