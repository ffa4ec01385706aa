import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { drainOutbox } from "@/lib/mail/outbox";
import { acknowledgeReferral, closeReferral, listReferrals } from "@/lib/referrals/referrals";
import { routeReport } from "@/lib/referrals/route-report";
import { changeStatus } from "@/lib/reports/change-status";
import { createReport } from "@/lib/reports/create-report";
import { getReportForStaff } from "@/lib/reports/get-report";
import { addNote } from "@/lib/reports/notes";
import type { StaffUser } from "@/lib/auth/session";
import { reportSchema } from "@/lib/validation/report";
import { resetDatabase } from "../support/database";
import { staffUser, seedOrganizationIds } from "../support/case-data";
import { keysOf, triageKeys } from "../support/test-keys";

const secretText = "The boss at the Ptuj farm keeps 12 passports in the office safe.";
const data = reportSchema.parse({
  forms: ["labour"],
  region: "podravska",
  whenPeriod: "ongoing",
  peopleCount: "sixOrMore",
  minors: "no",
  immediateDanger: "no",
  reporterRole: "witness",
  description: secretText,
});

let org: Record<string, string>;
let officer: StaffUser;
let kljucStaff: StaffUser;
let caritasStaff: StaffUser;

const staff = (role: "TRIAGE" | "ORG_STAFF", organization?: string): Promise<StaffUser> =>
  staffUser(role, {
    organization: organization,
    name: `${role} ${organization ?? ""}`,
    locale: "en",
  });

async function newReport(): Promise<string> {
  const result = await createReport({ data, locale: "sl", submissionId: randomUUID() });
  if (result.status !== "created") throw new Error("not created");
  return result.reportId;
}

beforeEach(async () => {
  await resetDatabase();
  org = await seedOrganizationIds();
  officer = await staff("TRIAGE");
  kljucStaff = await staff("ORG_STAFF", "kljuc");
  caritasStaff = await staff("ORG_STAFF", "caritas");
});
afterAll(() => db.$disconnect());

describe("routing", () => {
  it("writes referrals, status, audit and notices together", async () => {
    const reportId = await newReport();
    const result = await routeReport({
      reportId,
      organizationIds: [org.kljuc!, org.police!],
      note: "Please call back.",
      keys: await triageKeys(),
      officerId: officer.id,
    });
    expect(result.status).toBe("routed");
    expect((await db.report.findUniqueOrThrow({ where: { id: reportId } })).status).toBe(
      "REFERRED",
    );
    expect(await db.referral.count({ where: { reportId } })).toBe(2);
    expect(await db.auditEvent.count({ where: { reportId, action: "report.routed" } })).toBe(1);
    // One notice per active staff member of the receiving organisations (Ključ has one here).
    const notices = await db.outboxEmail.findMany();
    expect(notices.map((n) => n.to)).toEqual([kljucStaff.email]);
    expect(JSON.stringify(notices)).not.toContain("Ptuj");
  });

  it("leaves nothing behind when any part fails", async () => {
    const reportId = await newReport();
    // An organisation without keys (here: none at all) is refused before anything is written.
    expect(
      await routeReport({
        reportId,
        organizationIds: [org.kljuc!, randomUUID()],
        keys: await triageKeys(),
        officerId: officer.id,
      }),
    ).toEqual({ status: "noKeys" });
    expect((await db.report.findUniqueOrThrow({ where: { id: reportId } })).status).toBe("NEW");
    expect(await db.referral.count()).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "report.routed" } })).toBe(0);
    expect(await db.outboxEmail.count()).toBe(0);
  });

  it("refuses to route the same report to the same organisation twice", async () => {
    const reportId = await newReport();
    await routeReport({
      reportId,
      organizationIds: [org.kljuc!],
      keys: await triageKeys(),
      officerId: officer.id,
    });
    expect(
      await routeReport({
        reportId,
        organizationIds: [org.caritas!, org.kljuc!],
        keys: await triageKeys(),
        officerId: officer.id,
      }),
    ).toEqual({ status: "alreadyRouted" });
    expect(await db.referral.count({ where: { reportId } })).toBe(1);
    expect(await db.outboxEmail.count()).toBe(1);
  });

  it("refuses closed and spam reports", async () => {
    const reportId = await newReport();
    await changeStatus({
      reportIds: [reportId],
      to: "SPAM",
      reason: "test",
      keys: await triageKeys(),
      officerId: officer.id,
    });
    expect(
      await routeReport({
        reportId,
        organizationIds: [org.kljuc!],
        keys: await triageKeys(),
        officerId: officer.id,
      }),
    ).toEqual({ status: "notAllowed" });
    await expect(
      changeStatus({
        reportIds: [reportId],
        to: "CLOSED",
        keys: await triageKeys(),
        officerId: officer.id,
      }),
    ).rejects.toThrow(/reason/);
  });
});

describe("organisation scope", () => {
  it("lets staff of the receiving organisation read, note, acknowledge and close — and no one else", async () => {
    const reportId = await newReport();
    await routeReport({
      reportId,
      organizationIds: [org.kljuc!],
      keys: await triageKeys(),
      officerId: officer.id,
    });
    const referral = await db.referral.findFirstOrThrow({ where: { reportId } });

    expect(
      (await getReportForStaff(reportId, kljucStaff, await keysOf(kljucStaff)))?.description,
    ).toBe(secretText);
    expect(await getReportForStaff(reportId, caritasStaff, await keysOf(caritasStaff))).toBeNull();
    expect(await listReferrals(caritasStaff)).toEqual([]);
    expect((await listReferrals(kljucStaff)).map((r) => r.id)).toEqual([referral.id]);

    expect(await acknowledgeReferral(referral.id, caritasStaff)).toBe(false);
    expect(await closeReferral(referral.id, "ASSISTED", caritasStaff)).toBe(false);
    expect(await addNote(reportId, "not mine", caritasStaff, await keysOf(caritasStaff))).toBe(
      false,
    );

    expect(await acknowledgeReferral(referral.id, kljucStaff)).toBe(true);
    // Notes are sealed to the organisation's key: without it in the session, nothing is written.
    expect(await addNote(reportId, "Without keys.", kljucStaff, [])).toBe(false);
    expect(
      await addNote(
        reportId,
        "Called the reporter's contact.",
        kljucStaff,
        await keysOf(kljucStaff),
      ),
    ).toBe(true);
    expect(await db.note.count({ where: { reportId } })).toBe(1);
    expect(await closeReferral(referral.id, "ASSISTED", kljucStaff)).toBe(true);
    const closed = await db.referral.findUniqueOrThrow({ where: { id: referral.id } });
    expect(closed.outcome).toBe("ASSISTED");
    expect(closed.acknowledgedById).toBe(kljucStaff.id);
  });

  it("shows internal notes to the author's organisation only, triage included", async () => {
    const reportId = await newReport();
    await routeReport({
      reportId,
      organizationIds: [org.kljuc!, org.caritas!],
      keys: await triageKeys(),
      officerId: officer.id,
    });
    expect(await addNote(reportId, "Police internal", officer, await keysOf(officer))).toBe(true);
    expect(await addNote(reportId, "Ključ internal", kljucStaff, await keysOf(kljucStaff))).toBe(
      true,
    );
    expect(
      await addNote(reportId, "Caritas internal", caritasStaff, await keysOf(caritasStaff)),
    ).toBe(true);
    const notesOf = async (user: StaffUser) =>
      (await getReportForStaff(reportId, user, await keysOf(user)))!.notes.map((n) => n.body);
    // Sealed to each organisation's own key (triage's are the police's): no one reads another's,
    // and triage no longer reads the organisations' notes.
    expect(await notesOf(kljucStaff)).toEqual(["Ključ internal"]);
    expect(await notesOf(caritasStaff)).toEqual(["Caritas internal"]);
    expect(await notesOf(officer)).toEqual(["Police internal"]);
    expect(await db.note.count({ where: { reportId } })).toBe(3);
  });

  it("audits every read of a report", async () => {
    const reportId = await newReport();
    await getReportForStaff(reportId, officer, await keysOf(officer));
    await getReportForStaff(reportId, officer, await keysOf(officer));
    expect(
      await db.auditEvent.count({
        where: { reportId, action: "report.viewed", actorId: officer.id },
      }),
    ).toBe(2);
  });
});

describe("notices by e-mail", () => {
  let port: number;
  let server: SMTPServer | undefined;
  const received: string[] = [];

  async function startSmtp() {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, _session, callback) {
        let message = "";
        stream.on("data", (chunk) => (message += chunk));
        stream.on("end", () => {
          received.push(message);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
  }
  const stopSmtp = () =>
    new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));

  beforeAll(async () => {
    port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await stopSmtp();
    delete process.env.SMTP_URL;
  });

  it("arrive without report content, survive an SMTP outage, and arrive exactly once", async () => {
    await startSmtp();
    const first = await newReport();
    await routeReport({
      reportId: first,
      organizationIds: [org.kljuc!],
      keys: await triageKeys(),
      officerId: officer.id,
    });
    expect(await drainOutbox()).toEqual({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
    expect(received[0]).toContain(kljucStaff.email);
    expect(received[0]).toContain("/dashboard/referrals");
    expect(received[0]).not.toContain("Ptuj");
    expect(received[0]).not.toMatch(/TR-\d{4}/);

    await stopSmtp();
    const second = await newReport();
    expect(
      (
        await routeReport({
          reportId: second,
          organizationIds: [org.kljuc!],
          keys: await triageKeys(),
          officerId: officer.id,
        })
      ).status,
    ).toBe("routed");
    expect(await drainOutbox()).toEqual({ sent: 0, failed: 1 });
    const pending = await db.outboxEmail.findFirstOrThrow({ where: { sentAt: null } });
    expect(pending.attempts).toBe(1);
    expect(pending.lastError).toBeTruthy();
    expect(pending.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    await startSmtp();
    await db.outboxEmail.updateMany({
      where: { sentAt: null },
      data: { nextAttemptAt: new Date() },
    });
    const [a, b] = await Promise.all([drainOutbox(), drainOutbox()]);
    expect(a.sent + b.sent).toBe(1);
    expect(await drainOutbox()).toEqual({ sent: 0, failed: 0 });
    expect(received).toHaveLength(2);
  });
});
