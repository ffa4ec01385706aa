import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { attachmentRows, getAttachmentForStaff } from "@/lib/attachments/store";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getReporterView, postReporterMessage, postStaffMessage } from "@/lib/followup/messages";
import { listReferrals } from "@/lib/referrals/referrals";
import { routeReport } from "@/lib/referrals/route-report";
import { createReport } from "@/lib/reports/create-report";
import { getReportForStaff } from "@/lib/reports/get-report";
import { listReports } from "@/lib/reports/list-reports";
import { resetDatabase, withPg } from "../support/database";
import { staffUser, selfReportData, seedOrganizationIds } from "../support/case-data";
import { reporterKeyOf } from "../support/reporter-keys";
import { keysOf, triageKeys } from "../support/test-keys";

// One conversation per organisation (lib/followup/threads.ts), on real PostgreSQL: who reads which
// thread, whose reading marks what as read, and the reporter's side.

const data = selfReportData;

// Each report's receipt, so the tests can act as its reporter (support/reporter-keys.ts).
const receipts = new Map<string, string>();

/** A new report of these answers in this language; returns its id. */
async function newReport(locale: "sl" | "en" | "uk"): Promise<string> {
  const created = await createReport({ data, locale, submissionId: randomUUID() });
  if (created.status !== "created") throw new Error("not created");
  receipts.set(created.reportId, created.receipt);
  return created.reportId;
}

/** The key the report's reporter holds when back with the receipt. */
const reporterKey = (reportId: string) => reporterKeyOf(receipts.get(reportId)!);

let org: Record<string, string>;
let officer: StaffUser;
let kljuc: StaffUser;
let caritas: StaffUser;
let admin: StaffUser;

const staff = (role: "ADMIN" | "TRIAGE" | "ORG_STAFF", slug?: string): Promise<StaffUser> =>
  staffUser(role, {
    organization: slug,
    name: `Name of ${role} ${slug ?? ""}`.trim(),
    locale: "sl",
  });

/** A report routed to Ključ and Caritas, with a message from every side in every thread. */
async function conversation() {
  const reportId = await newReport("uk");
  await routeReport({
    reportId,
    organizationIds: [org.kljuc!, org.caritas!],
    keys: await triageKeys(),
    officerId: officer.id,
  });
  expect(
    await postStaffMessage(reportId, "Triage asks: where?", officer, await keysOf(officer)),
  ).toBe(true);
  expect(
    await postStaffMessage(reportId, "Ključ asks: are you safe?", kljuc, await keysOf(kljuc)),
  ).toBe(true);
  expect(
    await postStaffMessage(
      reportId,
      "Caritas asks: do you need shelter?",
      caritas,
      await keysOf(caritas),
    ),
  ).toBe(true);
  expect(
    await postReporterMessage(
      reportId,
      "To triage: Celje.",
      [],
      undefined,
      await reporterKey(reportId),
    ),
  ).toBe(true);
  expect(
    await postReporterMessage(
      reportId,
      "To Ključ: not safe.",
      [],
      org.kljuc,
      await reporterKey(reportId),
    ),
  ).toBe(true);
  expect(
    await postReporterMessage(
      reportId,
      "To Caritas: yes please.",
      [],
      org.caritas,
      await reporterKey(reportId),
    ),
  ).toBe(true);
  return reportId;
}

const bodies = (view: { messages: { body: string | null }[] } | null) =>
  view?.messages.map((m) => m.body);

beforeEach(async () => {
  await resetDatabase();
  org = await seedOrganizationIds();
  officer = await staff("TRIAGE");
  kljuc = await staff("ORG_STAFF", "kljuc");
  caritas = await staff("ORG_STAFF", "caritas");
  admin = await staff("ADMIN");
});
afterAll(() => db.$disconnect());

describe("each organisation reads and writes only its own thread", () => {
  it("Ključ, Caritas and triage each see their own conversation, with nothing of the others'", async () => {
    const reportId = await conversation();
    expect(bodies(await getReportForStaff(reportId, kljuc, await keysOf(kljuc)))).toEqual([
      "Ključ asks: are you safe?",
      "To Ključ: not safe.",
    ]);
    expect(bodies(await getReportForStaff(reportId, caritas, await keysOf(caritas)))).toEqual([
      "Caritas asks: do you need shelter?",
      "To Caritas: yes please.",
    ]);
    // Decision (lib/auth/permissions.ts): triage reads the police thread, and of the NGOs'
    // threads only their activity, never what was said.
    const triageView = await getReportForStaff(reportId, officer, await keysOf(officer));
    expect(bodies(triageView)).toEqual(["Triage asks: where?", "To triage: Celje."]);
    expect(
      JSON.stringify(triageView, (_key, value: unknown) =>
        typeof value === "bigint" ? String(value) : value,
      ),
    ).not.toMatch(/Ključ asks|To Ključ|Caritas asks|To Caritas/);
    expect(
      triageView!.threads.map((t) => [
        t.organization.slug,
        t.readable,
        t.messages,
        t.unreadFromReporter,
        t.awaitingAnswer,
      ]),
    ).toEqual([
      // Ključ and Caritas have just read their own threads above.
      ["police", true, 2, 0, true],
      ["kljuc", false, 2, 0, true],
      ["caritas", false, 2, 0, true],
    ]);
    // Organisation staff see no other organisation's thread, not even its activity.
    expect(
      (await getReportForStaff(reportId, kljuc, await keysOf(kljuc)))!.threads.map(
        (t) => t.organization.slug,
      ),
    ).toEqual(["kljuc"]);
    // Administrators manage accounts, not reports or conversations: they get no report at all.
    expect(await getReportForStaff(reportId, admin, await keysOf(admin))).toBeNull();
    // Bodies are encrypted at rest, whichever thread they belong to.
    const stored = await withPg(async (c) =>
      JSON.stringify((await c.query('SELECT body FROM "Message"')).rows),
    );
    expect(stored).not.toContain("are you safe");
  });

  it("a staff message always lands in the author's own thread, whatever was asked", async () => {
    const reportId = await conversation();
    const rows = await db.message.findMany({
      where: { reportId, fromReporter: false },
      select: { authorId: true, organizationId: true },
    });
    expect(rows).toEqual(
      expect.arrayContaining([
        { authorId: officer.id, organizationId: org.police },
        { authorId: kljuc.id, organizationId: org.kljuc },
        { authorId: caritas.id, organizationId: org.caritas },
      ]),
    );
    // An administrator, and an organisation the report was not routed to, write nowhere.
    const filantropija = await staff("ORG_STAFF", "filantropija");
    expect(await postStaffMessage(reportId, "admin", admin, await keysOf(admin))).toBe(false);
    expect(
      await postStaffMessage(reportId, "not ours", filantropija, await keysOf(filantropija)),
    ).toBe(false);
    expect(await db.message.count({ where: { reportId } })).toBe(6);
  });

  it("a file sent to Ključ is Ključ's: Caritas and triage cannot fetch it, even by its id", async () => {
    const reportId = await conversation();
    const message = await db.message.findFirstOrThrow({
      where: { reportId, organizationId: org.kljuc, fromReporter: true },
      select: { id: true },
    });
    const [row] = attachmentRows(
      [
        {
          fileName: "pogodba.pdf",
          mediaType: "application/pdf",
          bytes: Buffer.from("%PDF-1.4 test"),
          metadataRemoved: false,
        },
      ],
      { reportId, messageId: message.id },
    );
    await db.attachment.create({ data: row! });
    expect(
      (await getAttachmentForStaff(row!.id, kljuc, { keys: await keysOf(kljuc) }))?.fileName,
    ).toBe("pogodba.pdf");
    expect(
      await getAttachmentForStaff(row!.id, caritas, { keys: await keysOf(caritas) }),
    ).toBeNull();
    expect(
      await getAttachmentForStaff(row!.id, officer, { keys: await keysOf(officer) }),
    ).toBeNull();
    expect(
      (await getReportForStaff(reportId, kljuc, await keysOf(kljuc)))!.attachments.map((f) => f.id),
    ).toEqual([row!.id]);
    expect(
      (await getReportForStaff(reportId, caritas, await keysOf(caritas)))!.attachments,
    ).toEqual([]);
  });

  it("a reporter writes only to a thread the report has", async () => {
    const reportId = await newReport("sl");
    await routeReport({
      reportId,
      organizationIds: [org.kljuc!],
      keys: await triageKeys(),
      officerId: officer.id,
    });
    // Caritas holds no referral on this report, so it has no thread there.
    expect(
      await postReporterMessage(
        reportId,
        "to Caritas",
        [],
        org.caritas,
        await reporterKey(reportId),
      ),
    ).toBe(false);
    expect(
      await postReporterMessage(
        reportId,
        "to nobody",
        [],
        randomUUID(),
        await reporterKey(reportId),
      ),
    ).toBe(false);
    expect(
      await postReporterMessage(reportId, "junk", [], "' OR 1=1 --", await reporterKey(reportId)),
    ).toBe(false);
    expect(await db.message.count({ where: { reportId } })).toBe(0);
    expect(await db.auditEvent.count({ where: { reportId, action: "message.fromReporter" } })).toBe(
      0,
    );
    expect(
      await postReporterMessage(reportId, "to Ključ", [], org.kljuc, await reporterKey(reportId)),
    ).toBe(true);
    // Another report's organisation id does not open a thread on this one.
    const other = await newReport("sl");
    await routeReport({
      reportId: other,
      organizationIds: [org.filantropija!],
      keys: await triageKeys(),
      officerId: officer.id,
    });
    expect(
      await postReporterMessage(
        reportId,
        "elsewhere",
        [],
        org.filantropija,
        await reporterKey(reportId),
      ),
    ).toBe(false);
  });
});

describe("read state per organisation", () => {
  it("one organisation opening the report leaves the others' answers unread", async () => {
    const reportId = await conversation();
    const unread = async (user: StaffUser) =>
      (await listReferrals(user)).find((r) => r.report.id === reportId)!.report._count.messages;
    const triageUnread = async () =>
      (await listReports({})).rows.find((r) => r.id === reportId)!._count.messages;
    expect([await unread(kljuc), await unread(caritas), await triageUnread()]).toEqual([1, 1, 1]);

    // Triage opens the report: only the police thread is now read.
    await getReportForStaff(reportId, officer, await keysOf(officer));
    expect([await unread(kljuc), await unread(caritas), await triageUnread()]).toEqual([1, 1, 0]);

    // Ključ opens it: Ključ's answer is read, Caritas's still new for Caritas.
    await getReportForStaff(reportId, kljuc, await keysOf(kljuc));
    expect([await unread(kljuc), await unread(caritas)]).toEqual([0, 1]);
    // Triage's overview shows the same per thread.
    expect(
      (await getReportForStaff(reportId, officer, await keysOf(officer)))!.threads.map(
        (t) => t.unreadFromReporter,
      ),
    ).toEqual([0, 0, 1]);

    await getReportForStaff(reportId, caritas, await keysOf(caritas));
    expect(await unread(caritas)).toBe(0);
    // A new answer to Ključ is new for Ključ again, and for no one else.
    await postReporterMessage(
      reportId,
      "More for Ključ.",
      [],
      org.kljuc,
      await reporterKey(reportId),
    );
    expect([await unread(kljuc), await unread(caritas), await triageUnread()]).toEqual([1, 0, 0]);
  });
});

describe("the reporter's conversations", () => {
  it("are one per organisation, named in the reporter's language, each answered on its own", async () => {
    const reportId = await conversation();
    const view = await getReporterView(reportId, "uk", await reporterKey(reportId));
    expect(view.status).toBe("passedOn");
    expect(view.passedTo.map((p) => [p.slug, p.name, p.finished])).toEqual([
      ["kljuc", "Товариство «Ключ» (Društvo Ključ) – Центр протидії торгівлі людьми", false],
      ["caritas", "Карітас Словенії (Slovenska karitas)", false],
    ]);
    expect(view.threads.map((t) => [t.organization.slug, t.organization.name])).toEqual([
      ["police", "Поліція Словенії (Policija)"],
      ["kljuc", "Товариство «Ключ» (Društvo Ključ) – Центр протидії торгівлі людьми"],
      ["caritas", "Карітас Словенії (Slovenska karitas)"],
    ]);
    expect(view.threads.map((t) => t.messages.map((m) => [m.fromReporter, m.body]))).toEqual([
      [
        [false, "Triage asks: where?"],
        [true, "To triage: Celje."],
      ],
      [
        [false, "Ključ asks: are you safe?"],
        [true, "To Ključ: not safe."],
      ],
      [
        [false, "Caritas asks: do you need shelter?"],
        [true, "To Caritas: yes please."],
      ],
    ]);
    // They can call whoever writes: the public contact details come with the name.
    expect(view.threads[1]!.organization.phones.map((p) => p.number)).toEqual(["080 17 22"]);
    // Staff names never reach the reporter.
    expect(JSON.stringify(view)).not.toContain("Name of");
    // Reading marked every handler's message as read for the reporter.
    expect(await db.message.count({ where: { reportId, fromReporter: false, readAt: null } })).toBe(
      0,
    );
    // Without a language asked for, names come in the report's own (Ukrainian here).
    expect(
      (await getReporterView(reportId, undefined, await reporterKey(reportId))).threads[0]!
        .organization.name,
    ).toBe("Поліція Словенії (Policija)");
  });

  it("has the police conversation from the start, before any routing", async () => {
    const reportId = await newReport("en");
    const view = await getReporterView(reportId, "en", await reporterKey(reportId));
    expect(view.status).toBe("received");
    expect(view.passedTo).toEqual([]);
    expect(view.threads.map((t) => [t.organization.name, t.messages])).toEqual([["Police", []]]);
  });
});
