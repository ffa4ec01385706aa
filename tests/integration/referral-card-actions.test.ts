import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { idle } from "@/lib/actions/form-state";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { decryptText } from "@/lib/crypto/encryption";
import { db } from "@/lib/db";
import { resetDatabase, withPg } from "../support/database";
import { createStaff, type TestStaff } from "../support/staff";
import { seedOrganizationIds, staffUser, storedReport } from "../support/case-data";
import { actAs } from "../support/next-headers";
import { keysOf, triageKeys } from "../support/test-keys";

// The referral card's own actions as a browser calls them, with real sessions and a real
// database: a note to a recipient organisation (scoped, encrypted, never routing), and handing a
// referral or a report on to a colleague who may hold it.

vi.mock("next/headers", () => import("../support/next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next-intl/server", () => ({ getLocale: async () => "en" }));
vi.mock("next/navigation", () => import("../support/next-navigation"));

const { addReferralNoteAction, handOnReferralAction, handOnReportAction, takeReferralAction } =
  await import("@/app/[locale]/(staff)/dashboard/reports/actions");
const { routeReport } = await import("@/lib/referrals/route-report");
const { listReferralNotes } = await import("@/lib/referrals/referral-notes");
const { getReportForStaff } = await import("@/lib/reports/get-report");
const { handOnReferral, takeReferral } = await import("@/lib/assignment/assign");

let triage: TestStaff;
let kljuc: TestStaff;
let kljucColleague: TestStaff;
let caritas: TestStaff;
let admin: TestStaff;
let org: Record<string, string>;

const note = "Sister is held above the bar in Koper; call her only from a withheld number.";

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

const asUser = (person: TestStaff) =>
  db.user.findUniqueOrThrow({
    where: { id: person.userId },
    select: { id: true, email: true, name: true, role: true, organizationId: true, locale: true },
  });

/** A report routed to Ključ and Caritas: its id and each referral's id by organisation. */
async function routedToBoth() {
  const report = await storedReport("HIGH");
  const routed = await routeReport({
    reportId: report.id,
    organizationIds: [org.kljuc!, org.caritas!],
    keys: await triageKeys(),
    officerId: triage.userId,
  });
  if (routed.status !== "routed") throw new Error(routed.status);
  const referrals = await db.referral.findMany({
    where: { reportId: report.id },
    select: { id: true, organizationId: true },
  });
  const idOf = (slug: string) => referrals.find((r) => r.organizationId === org[slug])!.id;
  return { reportId: report.id, kljucReferral: idOf("kljuc"), caritasReferral: idOf("caritas") };
}

beforeAll(async () => {
  await resetDatabase();
  org = await seedOrganizationIds();
  triage = await createStaff("TRIAGE");
  kljuc = await createStaff("ORG_STAFF", { organization: "kljuc" });
  kljucColleague = await createStaff("ORG_STAFF", { organization: "kljuc" });
  caritas = await createStaff("ORG_STAFF", { organization: "caritas" });
  admin = await createStaff("ADMIN");
}, 120_000);
afterAll(() => db.$disconnect());

describe("a note to a recipient organisation", () => {
  it("is stored encrypted on its referral, read by triage and that organisation only", async () => {
    const { reportId, kljucReferral, caritasReferral } = await routedToBoth();
    actAs(triage.headers);
    expect(
      await addReferralNoteAction(idle, form({ referralId: kljucReferral, body: note })),
    ).toMatchObject({ status: "done" });
    actAs(kljuc.headers);
    expect(
      await addReferralNoteAction(
        idle,
        form({ referralId: kljucReferral, body: "Called; she will come to the office." }),
      ),
    ).toMatchObject({ status: "done" });

    // At rest: neither text is in the row, which is sealed under the referral's thread key: the
    // server's data key alone opens nothing, not even as the row's own column.
    const rows = await withPg(
      async (c) =>
        (
          await c.query<{ id: string; body: string; referralId: string; organizationId: string }>(
            'SELECT id, body, "referralId", "organizationId" FROM "Note" WHERE "reportId" = $1',
            [reportId],
          )
        ).rows,
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.body).not.toContain("Koper");
      expect(row.body).not.toContain("office");
      expect(row.referralId).toBe(kljucReferral);
      expect(row.organizationId).toBe(org.kljuc);
      expect(row.body.startsWith("v1.thread.")).toBe(true);
      expect(() => decryptText(row.body, rowAad("Note", "body", row.id))).toThrow();
    }

    // Triage and Ključ read both notes on Ključ's card; Caritas reads none of them.
    for (const person of [triage, kljuc]) {
      const user = await asUser(person);
      const notes = await listReferralNotes(reportId, user, await keysOf(user));
      expect(notes.get(kljucReferral)?.map((n) => n.body)).toEqual([
        note,
        "Called; she will come to the office.",
      ]);
      expect(notes.get(caritasReferral)).toBeUndefined();
    }
    const caritasUser = await asUser(caritas);
    expect((await listReferralNotes(reportId, caritasUser, await keysOf(caritasUser))).size).toBe(
      0,
    );
    // Without the organisation's key in the session, the notes do not open.
    expect(
      (await listReferralNotes(reportId, await asUser(kljuc), [])).get(kljucReferral) ?? [],
    ).not.toContainEqual(expect.objectContaining({ body: note }));
    // Nor do they show among the report's internal notes, for anyone.
    for (const person of [triage, kljuc, caritas]) {
      const report = await getReportForStaff(
        reportId,
        await asUser(person),
        await keysOf(await asUser(person)),
      );
      expect(report?.notes ?? []).toEqual([]);
    }

    // Audited without its text.
    const audit = await db.auditEvent.findMany({
      where: { reportId, action: "referral.noteAdded" },
      select: { actorId: true, detail: true },
    });
    expect(audit).toEqual([
      { actorId: triage.userId, detail: { referralId: kljucReferral } },
      { actorId: kljuc.userId, detail: { referralId: kljucReferral } },
    ]);
  });

  it("refuses another organisation's referral id, and administrators, writing nothing", async () => {
    const { reportId, kljucReferral, caritasReferral } = await routedToBoth();
    actAs(kljuc.headers);
    expect(
      await addReferralNoteAction(idle, form({ referralId: caritasReferral, body: note })),
    ).toEqual({ status: "refused", error: "notFound", fieldErrors: {}, values: expect.anything() });
    actAs(caritas.headers);
    expect(
      await addReferralNoteAction(idle, form({ referralId: kljucReferral, body: note })),
    ).toMatchObject({ status: "refused", error: "notFound" });
    actAs(admin.headers);
    expect(
      await addReferralNoteAction(idle, form({ referralId: kljucReferral, body: note })),
    ).toMatchObject({ status: "refused", error: "forbidden" });
    actAs(new Headers());
    expect(
      await addReferralNoteAction(idle, form({ referralId: kljucReferral, body: note })),
    ).toMatchObject({ status: "refused", error: "forbidden" });
    expect(await db.note.count({ where: { reportId } })).toBe(0);
  });

  it("keeps what was typed on bad input, and never routes, notifies or changes a status", async () => {
    const { reportId, kljucReferral } = await routedToBoth();
    const before = {
      referrals: await db.referral.findMany({ where: { reportId }, orderBy: { id: "asc" } }),
      report: await db.report.findUniqueOrThrow({ where: { id: reportId } }),
      outbox: await db.outboxEmail.count(),
    };
    actAs(triage.headers);
    expect(
      await addReferralNoteAction(idle, form({ referralId: kljucReferral, body: "   " })),
    ).toMatchObject({ status: "refused", error: "invalid", values: { body: "   " } });
    const long = "x".repeat(2001);
    expect(
      await addReferralNoteAction(idle, form({ referralId: kljucReferral, body: long })),
    ).toMatchObject({
      status: "refused",
      error: "invalid",
      fieldErrors: { body: expect.any(String) },
    });
    expect(
      await addReferralNoteAction(idle, form({ referralId: "kljuc", body: note })),
    ).toMatchObject({ status: "refused", error: "invalid", values: { body: note } });
    // A routing field smuggled into the note's post is not read.
    expect(
      await addReferralNoteAction(
        idle,
        form({ referralId: kljucReferral, body: note, organizationIds: org.filantropija! }),
      ),
    ).toMatchObject({ status: "done" });
    expect(await db.referral.findMany({ where: { reportId }, orderBy: { id: "asc" } })).toEqual(
      before.referrals,
    );
    expect(await db.report.findUniqueOrThrow({ where: { id: reportId } })).toEqual(before.report);
    expect(await db.outboxEmail.count()).toBe(before.outbox);
    expect(await db.note.count({ where: { reportId } })).toBe(1);
  });
});

describe("handing on", () => {
  it("a referral goes only to an active colleague of the same organisation", async () => {
    const { kljucReferral } = await routedToBoth();
    const disabled = await staffUser("ORG_STAFF", { organization: "kljuc", disabled: true });
    actAs(kljuc.headers);
    expect(await takeReferralAction(idle, form({ id: kljucReferral }))).toMatchObject({
      status: "done",
    });
    const handOn = (to: string, expectedHolderId = kljuc.userId) =>
      handOnReferralAction(idle, form({ id: kljucReferral, to, expectedHolderId }));
    for (const to of [caritas.userId, triage.userId, admin.userId, disabled.id])
      expect(await handOn(to)).toMatchObject({
        status: "refused",
        error: "invalid",
        fieldErrors: { to: "invalidAssignee" },
      });
    // A page that showed nobody holding it is stale: nothing changes.
    expect(await handOn(kljucColleague.userId, "")).toMatchObject({
      status: "refused",
      error: "conflict",
    });
    expect(await handOn(kljucColleague.userId)).toEqual({
      status: "done",
      data: kljucColleague.userId,
      message: "handedOn",
    });
    expect((await db.referral.findUniqueOrThrow({ where: { id: kljucReferral } })).assigneeId).toBe(
      kljucColleague.userId,
    );
    // Caritas cannot hand Ključ's referral on, not even to a Ključ member.
    actAs(caritas.headers);
    expect(
      await handOnReferralAction(
        idle,
        form({ id: kljucReferral, to: kljuc.userId, expectedHolderId: kljucColleague.userId }),
      ),
    ).toMatchObject({ status: "refused" });
    expect((await db.referral.findUniqueOrThrow({ where: { id: kljucReferral } })).assigneeId).toBe(
      kljucColleague.userId,
    );
  });

  it("a report goes from one triage officer to another, never to organisation staff", async () => {
    const report = await storedReport();
    const other = await createStaff("TRIAGE");
    actAs(triage.headers);
    const handOn = (to: string) =>
      handOnReportAction(idle, form({ id: report.id, to, expectedHolderId: "" }));
    expect(await handOn(kljuc.userId)).toMatchObject({ error: "invalid" });
    expect(await handOn(other.userId)).toMatchObject({ status: "done", data: other.userId });
    actAs(kljuc.headers);
    expect(
      await handOnReportAction(
        idle,
        form({ id: report.id, to: kljuc.userId, expectedHolderId: other.userId }),
      ),
    ).toMatchObject({ status: "refused", error: "forbidden" });
  });

  it("of colleagues handing on the same referral at once, exactly one wins", async () => {
    const { kljucReferral } = await routedToBoth();
    const staff = await Promise.all(
      Array.from({ length: 6 }, () => staffUser("ORG_STAFF", { organization: "kljuc" })),
    );
    const [holder, ...others] = staff;
    expect(await takeReferral(kljucReferral, holder!)).toEqual({ status: "done" });
    // Each of the others takes it over (hands it to themselves) from the holder they all saw.
    const results = await Promise.all(
      others.map((person) =>
        handOnReferral(kljucReferral, { to: person.id, expectedHolderId: holder!.id }, person),
      ),
    );
    const winners = others.filter((_, i) => results[i]!.status === "done");
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === "held")).toHaveLength(others.length - 1);
    expect((await db.referral.findUniqueOrThrow({ where: { id: kljucReferral } })).assigneeId).toBe(
      winners[0]!.id,
    );
    expect(
      await db.auditEvent.count({
        where: {
          action: "referral.handedOn",
          detail: { path: ["referralId"], equals: kljucReferral },
        },
      }),
    ).toBe(1);
  });
});
