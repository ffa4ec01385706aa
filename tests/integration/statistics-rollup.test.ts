import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { markReportSeen } from "@/lib/deadlines/first-look";
import { acknowledgeReferral, closeReferral } from "@/lib/referrals/referrals";
import { routeReport } from "@/lib/referrals/route-report";
import { changeStatus } from "@/lib/reports/change-status";
import { purgeExpiredReports } from "@/lib/retention/purge-reports";
import { bucketOf } from "@/lib/statistics/histogram";
import { queryStatistics } from "@/lib/statistics/query-statistics";
import { newReport, seedOrganizationIds, staffUser } from "../support/case-data";
import { resetDatabase } from "../support/database";
import { triageKeys } from "../support/test-keys";

// The rollup the statistics read (migration 20261201031000_statistics_rollup) against the reports
// themselves, after writes through the app's real functions and by raw SQL, some of them at the
// same time: the expected figures are computed here in JavaScript from the rows, independently of
// the triggers' SQL. Then retention, which must leave the counts alone, and the percentiles' error.

type Key = string; // "YYYY-MM|dimension|key"
const monthOf = (at: Date) =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Ljubljana",
    year: "numeric",
    month: "2-digit",
  })
    .format(at)
    .slice(0, 7);
const add = (map: Map<Key, number>, key: Key) => map.set(key, (map.get(key) ?? 0) + 1);

/** Every count and histogram bucket, computed from the reports and referrals as they are. */
async function expected() {
  const reports = await db.report.findMany({ include: { referrals: true } });
  const counts = new Map<Key, number>();
  const buckets = new Map<Key, number>();
  const seconds = (to: Date, from: Date) => (to.getTime() - from.getTime()) / 1000;
  for (const r of reports) {
    if (r.status === "SPAM") continue;
    const m = monthOf(r.createdAt);
    add(counts, `${m}|reports|${m}`);
    add(counts, `${m}|region|${r.region}`);
    add(counts, `${m}|minors|${r.minors}`);
    add(counts, `${m}|reporterRole|${r.reporterRole}`);
    add(counts, `${m}|locale|${r.locale}`);
    for (const form of new Set(r.forms)) add(counts, `${m}|form|${form}`);
    if (r.firstSeenAt)
      add(buckets, `${m}|firstLook|${bucketOf(seconds(r.firstSeenAt, r.createdAt))}`);
    if (r.status === "CLOSED" && r.closedAt)
      add(buckets, `${m}|closure|${bucketOf(seconds(r.closedAt, r.createdAt))}`);
    for (const f of r.referrals) {
      add(counts, `${m}|route|${f.organizationId}`);
      add(counts, `${m}|outcome|${f.outcome ?? "OPEN"}`);
      if (f.acknowledgedAt)
        add(buckets, `${m}|acknowledgement|${bucketOf(seconds(f.acknowledgedAt, f.createdAt))}`);
    }
  }
  return { counts: Object.fromEntries(counts), buckets: Object.fromEntries(buckets) };
}

/** The rollup as stored, summed over slots. */
async function rollup() {
  const counts = await db.$queryRaw<{ key: string; count: number }[]>`
    SELECT to_char(month, 'YYYY-MM') || '|' || dimension || '|' ||
           CASE WHEN dimension = 'reports' THEN to_char(month, 'YYYY-MM') ELSE key END AS key,
           sum(count)::int AS count
    FROM "StatisticsCount" GROUP BY 1 HAVING sum(count) <> 0`;
  const buckets = await db.$queryRaw<{ key: string; count: number }[]>`
    SELECT to_char(month, 'YYYY-MM') || '|' || measure || '|' || bucket AS key, sum(count)::int AS count
    FROM "StatisticsDuration" GROUP BY 1 HAVING sum(count) <> 0`;
  const object = (rows: { key: string; count: number }[]) =>
    Object.fromEntries(rows.map((row) => [row.key, row.count]));
  return { counts: object(counts), buckets: object(buckets) };
}

let orgs: Record<string, string>;
let officerId: string;
const hour = 3_600_000;
const ids: string[] = [];

/** Moves a report into the past by raw SQL (as if it had come then). */
const backdate = (id: string, at: string) =>
  db.$executeRaw`UPDATE "Report" SET "createdAt" = ${new Date(at)} WHERE id = ${id}::uuid`;

beforeAll(async () => {
  await resetDatabase();
  orgs = await seedOrganizationIds();
  officerId = (await staffUser("TRIAGE")).id;
}, 60_000);
afterAll(() => db.$disconnect());

describe("statistics rollup: equal to a direct count", () => {
  it("after creates, first looks, routing, acknowledging, closing, spam and reopening", async () => {
    // Reports at once, from parallel connections, in the same month: slots and ON CONFLICT.
    const created = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        newReport({
          forms: i % 3 === 0 ? ["labour", "sexual"] : ["begging"],
          locale: (["sl", "en", "uk"] as const)[i % 3],
        }),
      ),
    );
    ids.push(...created);
    expect(await rollup()).toEqual(await expected());

    // Spread over months, one at 00:30 on 1 March in Ljubljana (still February in UTC).
    await backdate(ids[0]!, "2025-02-28T23:30:00Z");
    for (let i = 1; i < 12; i++)
      await backdate(ids[i]!, `2025-0${1 + (i % 6)}-1${i % 9}T10:00:00Z`);
    await db.$executeRaw`UPDATE "Report" SET region = 'podravska', minors = 'YES' WHERE id = ANY(${ids.slice(0, 6)}::uuid[])`;

    const triage = await staffUser("TRIAGE");
    for (const [i, id] of ids.slice(0, 16).entries()) {
      const created = (await db.report.findUniqueOrThrow({ where: { id } })).createdAt;
      await markReportSeen(id, triage, new Date(created.getTime() + (i + 1) * 1.7 * hour));
    }
    const route = async (id: string, slugs: string[]) =>
      routeReport({
        reportId: id,
        organizationIds: slugs.map((s) => orgs[s]!),
        keys: await triageKeys(),
        officerId,
      });
    for (const id of ids.slice(0, 10)) await route(id, ["kljuc"]);
    for (const id of ids.slice(0, 4)) await route(id, ["caritas"]);
    const kljuc = await staffUser("ORG_STAFF", { organization: "kljuc" });
    const caritas = await staffUser("ORG_STAFF", { organization: "caritas" });
    const referralOf = async (id: string, org: string) =>
      (await db.referral.findFirstOrThrow({ where: { reportId: id, organizationId: orgs[org] } }))
        .id;
    for (const id of ids.slice(0, 8))
      expect(await acknowledgeReferral(await referralOf(id, "kljuc"), kljuc)).toBe(true);
    // Closing the last open referral closes the report (closure time, outcome).
    for (const id of ids.slice(4, 7))
      expect(await closeReferral(await referralOf(id, "kljuc"), "ASSISTED", kljuc)).toBe(true);
    expect(await closeReferral(await referralOf(ids[0]!, "caritas"), "NO_CONTACT", caritas)).toBe(
      true,
    );
    expect(
      await changeStatus({
        reportIds: ids.slice(12, 15),
        to: "CLOSED",
        reason: "handled",
        keys: await triageKeys(),
        officerId,
      }),
    ).toBe(3);
    expect(
      await changeStatus({
        reportIds: ids.slice(16, 20),
        to: "SPAM",
        reason: "junk",
        keys: await triageKeys(),
        officerId,
      }),
    ).toBe(4);
    const middle = await rollup();
    expect(middle).toEqual(await expected());

    // Un-marking spam and reopening take back what marking and closing did.
    expect(
      await changeStatus({
        reportIds: [ids[16]!, ids[17]!, ids[5]!, ids[12]!],
        to: "IN_TRIAGE",
        keys: await triageKeys(),
        officerId,
      }),
    ).toBe(4);
    expect(await rollup()).toEqual(await expected());
    // A reopened report routed elsewhere and marked as spam: its referrals leave with it.
    expect((await route(ids[12]!, ["caritas"])).status).toBe("routed");
    await db.$executeRaw`UPDATE "Report" SET status = 'SPAM' WHERE id = ${ids[12]!}::uuid`;
    // A raw bulk statement over many rows, as an operator might run one.
    await db.$executeRaw`UPDATE "Report" SET "reporterRole" = 'professional', forms = ARRAY['crime', 'crime'] WHERE id = ANY(${ids.slice(8, 20)}::uuid[])`;
    expect(await rollup()).toEqual(await expected());
    expect(Object.keys(middle.buckets).some((k) => k.includes("|closure|"))).toBe(true);
    expect(Object.keys(middle.buckets).some((k) => k.includes("|acknowledgement|"))).toBe(true);
  });

  it("stays equal when spam marking and a new referral of the same report race", async () => {
    const url = process.env.DATABASE_URL!;
    const [a, b] = [new pg.Client(url), new pg.Client(url)];
    await Promise.all([a.connect(), b.connect()]);
    try {
      for (const spamFirst of [true, false]) {
        const id = await newReport();
        const insertReferral = () =>
          b.query(
            `INSERT INTO "Referral" (id, "reportId", "organizationId", "routedById", "acknowledgedAt", "createdAt")
             VALUES (gen_random_uuid(), $1, $2, $3, now() + interval '2 hours', now())`,
            [id, orgs.kljuc, officerId],
          );
        const markSpam = () => a.query(`UPDATE "Report" SET status = 'SPAM' WHERE id = $1`, [id]);
        await a.query("BEGIN");
        await b.query("BEGIN");
        if (spamFirst) {
          await markSpam();
          const waiting = insertReferral(); // waits on the report's lock in its trigger
          await new Promise((resolve) => setTimeout(resolve, 200));
          await a.query("COMMIT");
          await waiting;
          await b.query("COMMIT");
        } else {
          await insertReferral();
          const waiting = markSpam();
          await new Promise((resolve) => setTimeout(resolve, 200));
          await b.query("COMMIT");
          await waiting;
          await a.query("COMMIT");
        }
        expect(await rollup()).toEqual(await expected());
      }
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it("keeps the counts of reports that retention deletes", async () => {
    const before = await rollup();
    const reports = await db.report.count();
    const { purged } = await purgeExpiredReports({ now: new Date("2100-01-01T00:00:00Z") });
    expect(purged).toBeGreaterThan(0);
    expect(await db.report.count()).toBe(reports - purged);
    expect(await rollup()).toEqual(before);
    // The page still shows them; the times come from the histograms (the exact path would miss
    // the deleted reports), so their counts are the rollup's.
    const raw = await queryStatistics({
      from: { year: 2025, month: 1 },
      to: { year: 2026, month: 12 },
    });
    const closures = Object.entries(before.buckets)
      .filter(([k]) => k.includes("|closure|"))
      .reduce((s, [, n]) => s + n, 0);
    expect(raw.closure.count).toBe(closures);
    expect(raw.reports).toBe(
      Object.entries(before.counts)
        .filter(([k]) => k.includes("|reports|"))
        .reduce((s, [, n]) => s + n, 0),
    );
  });
});

describe("statistics rollup: percentiles from the histograms", () => {
  it("are within 0.5 % plus a second of percentile_cont over the durations", async () => {
    // 3,000 reports in March 2023 (one INSERT: the trigger's statement path), times spread
    // log-uniformly from a minute to sixty days, some closed, some with an acknowledged referral.
    await db.$executeRawUnsafe(`
      INSERT INTO "Report" (id, "receiptHash", "submissionId", locale, status, urgency, "urgencyReasons",
        "suggestedRoute", "routeReasons", forms, indicators, region, "whenPeriod", "peopleCount", minors,
        "immediateDanger", "reporterRole", description, "createdAt", "firstSeenAt", "closedAt")
      SELECT gen_random_uuid(), encode(sha256(('rollup-' || g)::bytea), 'hex'), gen_random_uuid(), 'sl',
        (CASE WHEN g % 3 = 0 THEN 'CLOSED' ELSE 'IN_TRIAGE' END)::"ReportStatus", 'LOW', '{}', '{}', '{}',
        ARRAY['labour'], '{}', 'gorenjska', 'unknown', 'one', 'NO', 'NO', 'witness', 'test:dummy', c,
        c + make_interval(secs => 60 * power(86400.0, (g % 997) / 997.0)),
        CASE WHEN g % 3 = 0 THEN c + make_interval(secs => 3600 * power(1440.0, (g % 613) / 613.0)) END
      FROM (SELECT g, timestamp '2023-03-02 00:00' + g * interval '10 minutes' AS c
            FROM generate_series(1, 3000) g) s`);
    await db.$executeRawUnsafe(`
      INSERT INTO "Referral" (id, "reportId", "organizationId", "routedById", "createdAt", "acknowledgedAt")
      SELECT gen_random_uuid(), r.id, '${orgs.kljuc}', gen_random_uuid(), r."createdAt",
        r."createdAt" + make_interval(secs => 30 * power(2000.0, (r.number % 211) / 211.0))
      FROM "Report" r WHERE r."receiptHash" IN (
        SELECT encode(sha256(('rollup-' || g)::bytea), 'hex') FROM generate_series(1, 3000, 2) g)`);
    const march = { from: { year: 2023, month: 3 }, to: { year: 2023, month: 3 } };
    const exact = await queryStatistics(march);
    const histogram = await queryStatistics(march, { exactLimit: 0 });
    expect(exact.reports).toBe(3000);
    for (const id of ["firstLook", "closure", "acknowledgement"] as const) {
      expect(histogram[id].count).toBe(exact[id].count);
      expect(exact[id].count).toBeGreaterThanOrEqual(1000);
      for (const p of ["medianHours", "p90Hours"] as const) {
        const [e, h] = [exact[id][p]!, histogram[id][p]!];
        // Not the exact figure by accident: the two paths really differ.
        expect(h).not.toBe(e);
        expect(Math.abs(h - e)).toBeLessThanOrEqual(0.005 * e + 1 / 3600);
      }
    }
    // The bulk INSERTs were counted like any other write (other months hold purged reports).
    const march2023 = ({ counts, buckets }: Awaited<ReturnType<typeof rollup>>) =>
      [counts, buckets].map((o) =>
        Object.fromEntries(Object.entries(o).filter(([k]) => k.startsWith("2023-03|"))),
      );
    expect(march2023(await rollup())).toEqual(march2023(await expected()));
  });
});
