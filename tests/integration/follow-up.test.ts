import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getReporterView, postReporterMessage, postStaffMessage } from "@/lib/followup/messages";
import { getReportForStaff } from "@/lib/reports/get-report";
import {
  endReporterSession,
  purgeEndedReporterSessions,
  resolveReporterSession,
  signInWithReceipt,
} from "@/lib/followup/reporter-session";
import { routeReport } from "@/lib/referrals/route-report";
import { createReport } from "@/lib/reports/create-report";
import { formatReceipt } from "@/lib/reports/receipt";
import { seedOrganizations } from "@/prisma/seed";
import { resetDatabase, withPg } from "../support/database";
import { staffUser, selfReportData } from "../support/case-data";
import { reporterKeyOf } from "../support/reporter-keys";
import { keysOf, makeTestKeys, triageKeys } from "../support/test-keys";

const data = selfReportData;

async function report() {
  const created = await createReport({ data, locale: "uk", submissionId: randomUUID() });
  if (created.status !== "created") throw new Error("not created");
  return created;
}

const staff = (role: "TRIAGE" | "ORG_STAFF", slug?: string): Promise<StaffUser> =>
  staffUser(role, { organization: slug, name: "Handler Name", locale: "sl" });

beforeEach(async () => {
  await resetDatabase();
  await seedOrganizations(db);
  await makeTestKeys();
});
afterAll(() => db.$disconnect());

describe("coming back with the receipt", () => {
  it("opens a session bound to that one report, whatever spacing the code is typed with", async () => {
    const a = await report();
    const b = await report();
    const typed = formatReceipt(a.receipt).replace(/ /g, " - ");
    const outcome = await signInWithReceipt(typed);
    expect(outcome.status).toBe("ok");
    if (outcome.status !== "ok") return;
    // The session holds the reporter's key, derived from the receipt, which opens their threads.
    expect(await resolveReporterSession(outcome.token)).toEqual({
      reportId: a.reportId,
      reporterKey: await reporterKeyOf(a.receipt),
    });
    expect((await resolveReporterSession(outcome.token))?.reportId).not.toBe(b.reportId);
    // Only a hash of the session token is stored.
    const stored = await withPg(async (c) =>
      JSON.stringify((await c.query('SELECT * FROM "ReporterSession"')).rows),
    );
    expect(stored).not.toContain(outcome.token);
  });

  it("answers every wrong code the same way", async () => {
    await report();
    expect(await signInWithReceipt("12345 67890 12345 67890 12345")).toEqual({ status: "wrong" });
    expect(await signInWithReceipt("not a code at all")).toEqual({ status: "wrong" });
  });

  it("answers a wrong code only after a fixed delay, and wrong codes never lock the right one", async () => {
    const saved = { ...process.env };
    try {
      process.env.RATE_LIMIT_WRONG_RECEIPT_DELAY_MS = "800";
      process.env.RATE_LIMIT_FOLLOW_UP_PER_CODE_PER_HOUR = "2";
      const a = await report();
      const began = performance.now();
      const wrong = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          signInWithReceipt(`99999 99999 99999 99999 ${String(i).padStart(5, "0")}`),
        ),
      );
      expect(wrong.every((outcome) => outcome.status === "wrong")).toBe(true);
      expect(performance.now() - began).toBeGreaterThanOrEqual(790);
      // Wrong codes leave nothing behind: no bucket, no session.
      expect(
        await withPg(
          async (c) =>
            (await c.query('SELECT count(*)::int AS n FROM "RateLimitBucket"')).rows[0].n,
        ),
      ).toBe(0);
      // The right code opens at once, as often as its own limit allows (it bounds sessions per report).
      const right = performance.now();
      expect((await signInWithReceipt(a.receipt)).status).toBe("ok");
      expect(performance.now() - right).toBeLessThan(700);
      expect((await signInWithReceipt(a.receipt)).status).toBe("ok");
      expect((await signInWithReceipt(a.receipt)).status).toBe("limited");
    } finally {
      process.env = saved;
    }
  });

  it("ends sessions that idle too long, or that the reporter leaves", async () => {
    const a = await report();
    const first = await signInWithReceipt(a.receipt);
    const second = await signInWithReceipt(a.receipt);
    if (first.status !== "ok" || second.status !== "ok") throw new Error("no session");
    await db.reporterSession.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveReporterSession(first.token)).toBeNull();
    await db.reporterSession.updateMany({ data: { expiresAt: new Date(Date.now() + 60_000) } });
    await endReporterSession(second.token);
    expect(await resolveReporterSession(second.token)).toBeNull();
  });

  it("ends a session that holds no reporter key, or one whose key does not open with its cookie", async () => {
    const a = await report();
    const keyless = await signInWithReceipt(a.receipt);
    const other = await signInWithReceipt(a.receipt);
    if (keyless.status !== "ok" || other.status !== "ok") throw new Error("no session");
    const rows = await db.reporterSession.findMany({ select: { id: true, reporterKey: true } });
    expect(rows.every((row) => row.reporterKey !== null)).toBe(true);
    // Opened before sealed conversations: no key in the row.
    await db.reporterSession.update({
      where: { id: rows[0]!.id },
      data: { reporterKey: null },
    });
    // Another session's wrapped key copied in: it is bound to its own session and cookie.
    await db.reporterSession.update({
      where: { id: rows[1]!.id },
      data: { reporterKey: rows[0]!.reporterKey },
    });
    expect(await resolveReporterSession(keyless.token)).toBeNull();
    expect(await resolveReporterSession(other.token)).toBeNull();
    expect(await db.reporterSession.count()).toBe(0);
    // The receipt, entered again, opens a session that holds the key.
    const again = await signInWithReceipt(a.receipt);
    if (again.status !== "ok") throw new Error("no session");
    expect((await resolveReporterSession(again.token))?.reporterKey).not.toBeNull();
  });

  it("leaves no row behind once a session has ended, idle or past its absolute limit", async () => {
    const a = await report();
    const tokens = [];
    for (let i = 0; i < 3; i++) {
      const outcome = await signInWithReceipt(a.receipt);
      if (outcome.status !== "ok") throw new Error("no session");
      tokens.push(outcome.token);
    }
    const [idle, old, live] = await db.reporterSession.findMany({ select: { id: true } });
    await db.reporterSession.update({
      where: { id: idle!.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await db.reporterSession.update({
      where: { id: old!.id },
      data: { createdAt: new Date(Date.now() - 3 * 60 * 60 * 1000) },
    });
    expect(await purgeEndedReporterSessions()).toBe(2);
    expect(
      (await db.reporterSession.findMany({ select: { id: true } })).map((row) => row.id),
    ).toEqual([live!.id]);
    // The one left still opens the report; the other two tokens open nothing.
    const opened = await Promise.all(tokens.map((token) => resolveReporterSession(token)));
    expect(opened.filter(Boolean)).toEqual([
      { reportId: a.reportId, reporterKey: await reporterKeyOf(a.receipt) },
    ]);
  });
});

describe("the message thread", () => {
  it("carries questions and answers, shows the reporter a plain status and no staff names", async () => {
    const a = await report();
    const officer = await staff("TRIAGE");
    expect(
      await postStaffMessage(
        a.reportId,
        "What is the name of the restaurant?",
        officer,
        await keysOf(officer),
      ),
    ).toBe(true);
    const reporterKey = await reporterKeyOf(a.receipt);
    await postReporterMessage(a.reportId, "Restavracija pri mostu.", [], undefined, reporterKey);
    const view = await getReporterView(a.reportId, undefined, reporterKey);
    expect(view.status).toBe("received");
    expect(view.messages.map((m) => [m.fromReporter, m.body])).toEqual([
      [false, "What is the name of the restaurant?"],
      [true, "Restavracija pri mostu."],
    ]);
    expect(JSON.stringify(view)).not.toContain("Handler Name");
    // Bodies are encrypted at rest, and every message is audited.
    const stored = await withPg(async (c) =>
      JSON.stringify((await c.query('SELECT body FROM "Message"')).rows),
    );
    expect(stored).not.toContain("restaurant");
    expect(await db.auditEvent.count({ where: { action: { startsWith: "message." } } })).toBe(2);
  });

  it("is closed to staff of organisations the report was not routed to", async () => {
    const a = await report();
    const officer = await staff("TRIAGE");
    const kljuc = await staff("ORG_STAFF", "kljuc");
    const caritas = await staff("ORG_STAFF", "caritas");
    await routeReport({
      reportId: a.reportId,
      organizationIds: [(await db.organization.findUniqueOrThrow({ where: { slug: "kljuc" } })).id],
      keys: await triageKeys(),
      officerId: officer.id,
    });
    // The reporter answers Ključ's thread (the police's is the default, which Ključ does not read).
    const kljucId = (await db.organization.findUniqueOrThrow({ where: { slug: "kljuc" } })).id;
    expect(
      await postReporterMessage(
        a.reportId,
        "Here is more.",
        [],
        kljucId,
        await reporterKeyOf(a.receipt),
      ),
    ).toBe(true);
    expect(await getReportForStaff(a.reportId, caritas, await keysOf(caritas))).toBeNull();
    expect(
      await postStaffMessage(a.reportId, "Hello from Caritas", caritas, await keysOf(caritas)),
    ).toBe(false);
    expect(
      (await getReportForStaff(a.reportId, kljuc, await keysOf(kljuc)))?.messages.map(
        (m) => m.body,
      ),
    ).toEqual(["Here is more."]);
    expect(await postStaffMessage(a.reportId, "Hello from Ključ", kljuc, await keysOf(kljuc))).toBe(
      true,
    );
    // Reading marked the reply as read, so the lists stop showing it as new.
    expect(
      await db.message.count({ where: { reportId: a.reportId, fromReporter: true, readAt: null } }),
    ).toBe(0);
  });
});
