import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { findOverdue, overdueReportWhere } from "@/lib/deadlines/overdue";
import { markReportSeen } from "@/lib/deadlines/first-look";
import { runDeadlines } from "@/lib/deadlines/run-deadlines";
import { sendDeadlineNotices } from "@/lib/deadlines/send-notices";
import { sortOverdueFirst } from "@/lib/deadlines/rules";
import { postReporterMessage, postStaffMessage } from "@/lib/followup/messages";
import { renderTemplate, type TemplateName } from "@/lib/mail/templates";
import { acknowledgeReferral } from "@/lib/referrals/referrals";
import { routeReport } from "@/lib/referrals/route-report";
import { getReportForStaff } from "@/lib/reports/get-report";
import { seedOrganizations } from "@/prisma/seed";
import { freshDatabaseAndEnvironment } from "../support/fresh-each-test";
import { organizationId, secretText, staffUser, storedReport } from "../support/case-data";
import { reporterKeyOf } from "../support/reporter-keys";
import { keysOf, makeTestKeys, triageKeys } from "../support/test-keys";

// Deadlines with a moved clock: every function takes `now`, and the tests pass a time after the
// report's real creation instead of waiting or faking timers.

freshDatabaseAndEnvironment();
beforeEach(async () => {
  await seedOrganizations(db);
  await makeTestKeys();
});

const later = (from: Date, minutes: number) => new Date(from.getTime() + minutes * 60_000);
const deadlineMail = (template: string) =>
  db.outboxEmail.findMany({ where: { template }, orderBy: { to: "asc" } });

describe("first look by triage", () => {
  it("a critical report unseen past its hour is overdue, with one reminder and one escalation", async () => {
    const triage = await staffUser("TRIAGE");
    await staffUser("TRIAGE", { disabled: true });
    const admin = await staffUser("ADMIN");
    const report = await storedReport("CRITICAL");

    expect((await findOverdue(triage, { now: later(report.createdAt, 30) })).reports.size).toBe(0);
    expect(await sendDeadlineNotices({ now: later(report.createdAt, 30) })).toEqual({
      reminders: 0,
      escalations: 0,
    });
    // At three quarters of the hour: a reminder to the triage officers, not yet overdue.
    expect(await sendDeadlineNotices({ now: later(report.createdAt, 50) })).toEqual({
      reminders: 1,
      escalations: 0,
    });
    const past = later(report.createdAt, 61);
    const overdue = await findOverdue(triage, { now: past });
    expect([...overdue.reports.keys()]).toEqual([report.id]);
    expect(overdue.reports.get(report.id)![0]).toMatchObject({
      kind: "firstLook",
      organizationId: null,
      dueAt: later(report.createdAt, 60),
    });
    // Administrators see no report, overdue or not.
    expect((await findOverdue(admin, { now: past })).reports.size).toBe(0);

    expect(await sendDeadlineNotices({ now: past })).toEqual({ reminders: 0, escalations: 1 });
    for (const again of [past, later(report.createdAt, 600)])
      expect(await sendDeadlineNotices({ now: again })).toEqual({ reminders: 0, escalations: 0 });

    const reminders = await deadlineMail("deadlineReminder");
    const escalations = await deadlineMail("deadlineEscalation");
    // Exactly once each, and only to the active triage officer.
    expect(reminders.map((m) => m.to)).toEqual([triage.email]);
    expect(escalations.map((m) => m.to)).toEqual([triage.email]);
    for (const mail of [...reminders, ...escalations]) {
      const data = mail.data as Record<string, string>;
      expect(data.link).toMatch(new RegExp(`/en/dashboard/reports/${report.id}$`));
      const text = JSON.stringify(renderTemplate(mail.template as TemplateName, "sl", data));
      expect(text).not.toContain("Marta");
      expect(text).not.toContain(secretText);
      expect(text).toContain(data.link);
    }
    expect(
      await db.deadlineNotice.findMany({
        select: { kind: true, stage: true, subjectId: true, dueAt: true },
        orderBy: { stage: "asc" },
      }),
    ).toEqual(
      ["escalation", "reminder"].map((stage) => ({
        kind: "firstLook",
        stage,
        subjectId: report.id,
        dueAt: later(report.createdAt, 60),
      })),
    );
    // The report's history says what the system did.
    expect(
      (
        await db.auditEvent.findMany({
          where: { reportId: report.id, actorKind: "SYSTEM" },
          select: { action: true },
        })
      ).map((e) => e.action),
    ).toEqual(expect.arrayContaining(["deadline.reminded", "deadline.escalated"]));
  });

  it("sends nothing for a report a triage officer has opened, and records only the first look", async () => {
    const [first, second] = [await staffUser("TRIAGE"), await staffUser("TRIAGE")];
    const report = await storedReport("CRITICAL");
    expect(await getReportForStaff(report.id, first, await keysOf(first))).not.toBeNull();
    expect(await markReportSeen(report.id, second)).toBe(false);
    const seen = await db.report.findUniqueOrThrow({ where: { id: report.id } });
    expect(seen.firstSeenById).toBe(first.id);
    expect(seen.firstSeenAt).not.toBeNull();

    const past = later(report.createdAt, 24 * 60);
    expect(await sendDeadlineNotices({ now: past })).toEqual({ reminders: 0, escalations: 0 });
    expect((await findOverdue(first, { now: past })).reports.size).toBe(0);
    expect(await db.outboxEmail.count()).toBe(0);
  });

  it("counts only triage's look: organisation staff and administrators opening it do not", async () => {
    const admin = await staffUser("ADMIN");
    const kljuc = await staffUser("ORG_STAFF", { organization: "kljuc" });
    const report = await storedReport("HIGH");
    expect(await markReportSeen(report.id, admin)).toBe(false);
    expect(await markReportSeen(report.id, kljuc)).toBe(false);
    await staffUser("TRIAGE");
    expect(await sendDeadlineNotices({ now: later(report.createdAt, 4 * 60 + 1) })).toEqual({
      reminders: 1,
      escalations: 1,
    });
  });

  it("a report taken out of NEW (in triage, spam) waits for no first look", async () => {
    await staffUser("TRIAGE");
    const [inTriage, spam] = [await storedReport("CRITICAL"), await storedReport("CRITICAL")];
    await db.report.update({ where: { id: inTriage.id }, data: { status: "IN_TRIAGE" } });
    await db.report.update({ where: { id: spam.id }, data: { status: "SPAM" } });
    expect(await sendDeadlineNotices({ now: later(spam.createdAt, 120) })).toEqual({
      reminders: 0,
      escalations: 0,
    });
  });
});

describe("acknowledgement by the receiving organisation", () => {
  it("reminds the organisation and escalates to triage once, and stops once acknowledged", async () => {
    const triage = await staffUser("TRIAGE", { locale: "sl" });
    const kljuc = await staffUser("ORG_STAFF", { organization: "kljuc", locale: "uk" });
    const caritas = await staffUser("ORG_STAFF", { organization: "caritas" });
    const kljucId = await organizationId("kljuc");
    await db.organization.update({
      where: { id: kljucId },
      data: { notificationEmail: "desk@kljuc.test" },
    });
    const [waiting, acknowledged] = [await storedReport("LOW"), await storedReport("LOW")];
    const referrals: string[] = [];
    for (const report of [waiting, acknowledged]) {
      const routed = await routeReport({
        reportId: report.id,
        organizationIds: [kljucId],
        keys: await triageKeys(),
        officerId: triage.id,
      });
      if (routed.status !== "routed") throw new Error(routed.status);
      referrals.push(routed.referralIds[0]!);
    }
    expect(await acknowledgeReferral(referrals[1]!, kljuc)).toBe(true);
    const routedAt = (await db.referral.findUniqueOrThrow({ where: { id: referrals[0]! } }))
      .createdAt;

    const past = later(routedAt, 24 * 60 + 1);
    const forKljuc = await findOverdue(kljuc, { now: past });
    expect([...forKljuc.referralIds]).toEqual([referrals[0]]);
    expect([...forKljuc.reports.keys()]).toEqual([waiting.id]);
    expect((await findOverdue(caritas, { now: past })).reports.size).toBe(0);
    expect((await findOverdue(triage, { now: past })).referralIds).toEqual(new Set([referrals[0]]));

    expect(await sendDeadlineNotices({ now: past })).toEqual({ reminders: 1, escalations: 1 });
    expect(await sendDeadlineNotices({ now: past })).toEqual({ reminders: 0, escalations: 0 });
    expect((await deadlineMail("deadlineReminder")).map((m) => [m.to, m.locale])).toEqual(
      [
        ["desk@kljuc.test", "sl"],
        [kljuc.email, "uk"],
      ].sort(),
    );
    expect((await deadlineMail("deadlineEscalation")).map((m) => m.to)).toEqual([triage.email]);
    expect(
      (
        (await deadlineMail("deadlineReminder")).find((m) => m.to === kljuc.email)!.data as {
          link: string;
        }
      ).link,
    ).toMatch(new RegExp(`/uk/dashboard/reports/${waiting.id}$`));

    // Acknowledged late: nothing more is owed, and it is no longer overdue.
    expect(await acknowledgeReferral(referrals[0]!, kljuc)).toBe(true);
    expect((await findOverdue(kljuc, { now: later(past, 600) })).referralIds.size).toBe(0);
  });
});

describe("an answer to the reporter", () => {
  it("is owed from the reporter's oldest unanswered message until staff write after it", async () => {
    const triage = await staffUser("TRIAGE");
    const report = await storedReport("MEDIUM");
    await getReportForStaff(report.id, triage, await keysOf(triage));
    const reporterKey = await reporterKeyOf(report.receipt);
    expect(await postReporterMessage(report.id, "Are you there?", [], undefined, reporterKey)).toBe(
      true,
    );
    expect(await postReporterMessage(report.id, "Please answer.", [], undefined, reporterKey)).toBe(
      true,
    );
    const [firstMessage] = await db.message.findMany({
      where: { reportId: report.id },
      orderBy: { createdAt: "asc" },
    });

    const past = later(firstMessage!.createdAt, 48 * 60 + 1);
    const overdue = await findOverdue(triage, { now: past });
    expect(overdue.reports.get(report.id)).toEqual([
      expect.objectContaining({ kind: "reply", subjectId: firstMessage!.id }),
    ]);
    expect(await sendDeadlineNotices({ now: past })).toEqual({ reminders: 1, escalations: 1 });

    expect(await postStaffMessage(report.id, "We are here.", triage, await keysOf(triage))).toBe(
      true,
    );
    expect((await findOverdue(triage, { now: later(past, 600) })).reports.size).toBe(0);
    expect(await sendDeadlineNotices({ now: later(past, 600) })).toEqual({
      reminders: 0,
      escalations: 0,
    });
  });
});

describe("the job across instances", () => {
  it("four passes at the same moment send each notice exactly once", async () => {
    await staffUser("TRIAGE");
    await staffUser("TRIAGE");
    const reports = [];
    for (let i = 0; i < 5; i++) reports.push(await storedReport("CRITICAL"));
    const past = later(reports[4]!.createdAt, 61);

    const passes = await Promise.all(
      Array.from({ length: 4 }, () => sendDeadlineNotices({ now: past })),
    );
    expect(passes.reduce((sum, p) => sum + p.reminders, 0)).toBe(5);
    expect(passes.reduce((sum, p) => sum + p.escalations, 0)).toBe(5);
    expect(await db.deadlineNotice.count()).toBe(10);
    // Each triage officer's mails together name every report once per stage.
    for (const template of ["deadlineReminder", "deadlineEscalation"]) {
      const mails = await deadlineMail(template);
      const perRecipient = new Map<string, number>();
      for (const mail of mails)
        perRecipient.set(
          mail.to,
          (perRecipient.get(mail.to) ?? 0) + Number((mail.data as { count: string }).count),
        );
      expect([...perRecipient.values()]).toEqual([5, 5]);
    }
    // The scheduled runner: one pass at a time, and nothing left to send.
    const run = await runDeadlines(past);
    expect(run).toEqual({ ran: true, result: { reminders: 0, escalations: 0 } });
  });
});

describe("the lists", () => {
  it("filter and sort overdue reports first, and notices go with their report", async () => {
    const triage = await staffUser("TRIAGE");
    const low = await storedReport("LOW");
    const critical = await storedReport("CRITICAL");
    const past = later(critical.createdAt, 90);
    const overdue = await findOverdue(triage, { now: past });
    const filtered = await db.report.findMany({
      where: overdueReportWhere(overdue),
      select: { id: true },
    });
    expect(filtered.map((r) => r.id)).toEqual([critical.id]);
    const listed = [{ id: low.id }, { id: critical.id }];
    expect(sortOverdueFirst(listed, (row) => overdue.reports.has(row.id))).toEqual([
      { id: critical.id },
      { id: low.id },
    ]);

    await sendDeadlineNotices({ now: past });
    expect(await db.deadlineNotice.count({ where: { reportId: critical.id } })).toBe(2);
    await db.report.delete({ where: { id: critical.id } });
    expect(await db.deadlineNotice.count()).toBe(0);
  });
});
