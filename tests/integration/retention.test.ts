import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createReport } from "@/lib/reports/create-report";
import { purgeExpiredReports } from "@/lib/retention/purge-reports";
import { runRetention, scheduleRetention } from "@/lib/retention/run-retention";
import { reportSchema } from "@/lib/validation/report";
import { resetDatabase, withPg } from "../support/database";
import { openReporting } from "../support/test-keys";

const root = path.resolve(import.meta.dirname, "..", "..");
const data = reportSchema.parse({
  forms: ["begging"],
  region: "gorenjska",
  whenPeriod: "pastMonth",
  peopleCount: "one",
  minors: "no",
  immediateDanger: "no",
  reporterRole: "witness",
  description: "A woman is brought to the station every morning to beg and collected at night.",
  contactChoice: "contact",
  contact: "reachable through the parish office",
});

const now = new Date("2026-11-23T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

/** A stored report in the given state; dates set directly, as if time had passed. */
async function report(
  status: "NEW" | "CLOSED" | "SPAM",
  { createdAt = daysAgo(400), closedAt = null as Date | null } = {},
) {
  const created = await createReport({ data, locale: "en", submissionId: randomUUID() });
  if (created.status !== "created") throw new Error("not created");
  await withPg((c) =>
    c.query(`UPDATE "Report" SET status = $2, "createdAt" = $3, "closedAt" = $4 WHERE id = $1`, [
      created.reportId,
      status,
      createdAt.toISOString().replace("Z", ""),
      closedAt?.toISOString().replace("Z", "") ?? null,
    ]),
  );
  const { number } = await db.report.findUniqueOrThrow({
    where: { id: created.reportId },
    select: { number: true },
  });
  return { id: created.reportId, number };
}

const remaining = async () =>
  (await db.report.findMany({ select: { id: true } })).map((r) => r.id).sort();

beforeEach(async () => {
  await resetDatabase();
  // Sealed reports: the form is open once the police have keys.
  await openReporting();
});
afterAll(() => db.$disconnect());

describe("retention", () => {
  it("purges closed reports 180 days after closing and spam 30 days after closing or, without that, creation", async () => {
    const keep = [
      await report("NEW", { createdAt: daysAgo(1000) }),
      await report("CLOSED", { closedAt: daysAgo(179) }),
      await report("SPAM", { createdAt: daysAgo(400), closedAt: daysAgo(29) }),
      await report("SPAM", { createdAt: daysAgo(29) }),
    ];
    const purge = [
      await report("CLOSED", { closedAt: daysAgo(181) }),
      await report("SPAM", { createdAt: daysAgo(400), closedAt: daysAgo(31) }),
      await report("SPAM", { createdAt: daysAgo(31) }),
    ];
    expect(await purgeExpiredReports({ now })).toEqual({
      purged: purge.length,
      batches: 1,
      abandonedFiles: 0,
    });
    const left = await remaining();
    expect(left).toEqual(keep.map((r) => r.id).sort());
    for (const gone of purge) expect(left).not.toContain(gone.id);
  });

  it("honours RETENTION_CLOSED_DAYS and RETENTION_SPAM_DAYS", async () => {
    const closed = await report("CLOSED", { closedAt: daysAgo(10) });
    const spam = await report("SPAM", { createdAt: daysAgo(3) });
    const saved = { ...process.env };
    try {
      process.env.RETENTION_CLOSED_DAYS = "11";
      process.env.RETENTION_SPAM_DAYS = "4";
      expect((await purgeExpiredReports({ now })).purged).toBe(0);
      process.env.RETENTION_CLOSED_DAYS = "9";
      process.env.RETENTION_SPAM_DAYS = "2";
      expect((await purgeExpiredReports({ now })).purged).toBe(2);
    } finally {
      process.env = saved;
    }
    expect(await remaining()).not.toContain(closed.id);
    expect(await remaining()).not.toContain(spam.id);
  });

  it("leaves in the audit log only that the report existed and was purged", async () => {
    const kept = await report("NEW");
    const gone = await report("CLOSED", { closedAt: daysAgo(200) });
    await purgeExpiredReports({ now });

    const audit = await withPg(
      async (c) =>
        (
          await c.query(
            `SELECT action, "reportId", "actorKind", detail FROM "AuditEvent" ORDER BY id`,
          )
        ).rows,
    );
    // The submission events stay, the purged report's no longer pointing at it (ON DELETE SET NULL).
    expect(audit).toEqual([
      {
        action: "report.submitted",
        reportId: kept.id,
        actorKind: "REPORTER",
        detail: { urgency: "LOW" },
      },
      {
        action: "report.submitted",
        reportId: null,
        actorKind: "REPORTER",
        detail: { urgency: "LOW" },
      },
      {
        action: "report.purged",
        reportId: null,
        actorKind: "SYSTEM",
        detail: { reference: `TR-2025-${String(gone.number).padStart(5, "0")}`, status: "CLOSED" },
      },
    ]);
    const everything = await withPg(async (c) =>
      (await c.query(`SELECT row_to_json(t)::text AS row FROM (SELECT * FROM "AuditEvent") t`)).rows
        .map((r) => r.row)
        .join("\n"),
    );
    expect(everything).not.toContain("station");
    expect(everything).not.toContain("parish");
    expect(everything).not.toContain(gone.id);
  });

  it("works in batches, each its own transaction", async () => {
    for (let i = 0; i < 5; i++) await report("SPAM", { createdAt: daysAgo(40 + i) });
    expect(await purgeExpiredReports({ now, batchSize: 2 })).toEqual({
      purged: 5,
      batches: 3,
      abandonedFiles: 0,
    });
    expect(await db.report.count()).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "report.purged" } })).toBe(5);
  });

  it("does nothing while another process holds the retention lock", async () => {
    await report("CLOSED", { closedAt: daysAgo(1000) });
    await withPg(async (other) => {
      await other.query("SELECT pg_advisory_lock($1, $2)", [0x7072, 1]);
      expect(await runRetention()).toEqual({ ran: false });
      expect(await db.report.count()).toBe(1);
      await other.query("SELECT pg_advisory_unlock($1, $2)", [0x7072, 1]);
    });
    expect(await runRetention()).toMatchObject({ ran: true, result: { purged: 1 } });
  });

  it("runs on its own schedule inside the server, once per process however often it is started", async () => {
    await report("CLOSED", { closedAt: daysAgo(1000) });
    const runs: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      const match = /"event":"(retention\.[a-z]+)"/.exec(String(chunk));
      if (match) runs.push(match[1]!);
      return true;
    });
    const stop = scheduleRetention({ firstRunMs: 10, intervalMs: 60_000 });
    const again = scheduleRetention({ firstRunMs: 10, intervalMs: 60_000 });
    try {
      const deadline = Date.now() + 10_000;
      while ((await db.report.count()) > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await db.report.count()).toBe(0);
      expect(runs).toEqual(["retention.completed"]);
    } finally {
      again();
      stop();
      write.mockRestore();
    }
  });

  it("runs by hand with `npm run retention:run`", async () => {
    await report("CLOSED", { closedAt: daysAgo(1000) });
    await report("NEW");
    const { stdout } = await promisify(execFile)(
      path.join(root, "node_modules", ".bin", "tsx"),
      ["--conditions=react-server", "scripts/retention-run.ts"],
      { cwd: root, env: process.env, timeout: 60_000 },
    );
    expect(stdout).toContain("1 report(s) purged");
    expect(await db.report.count()).toBe(1);
  });
});
