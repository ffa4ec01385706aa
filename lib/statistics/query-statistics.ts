import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { histogramPercentile, type Bucket } from "./histogram";
import { formatMonth, monthsOf, type Month, type Period } from "./period";
import { durationIds, type DurationId } from "./statistics-view";

// The counts behind the statistics page. Every count comes from the rollup ("StatisticsCount"),
// kept by triggers in the writing transaction (migration 20261201031000_statistics_rollup, which
// says how spam, reopening and retention move it): a period costs a few thousand rows whatever
// the number of reports, and past years stay counted after retention deleted their reports.
// Every figure is about the reports received in the period (by Report.createdAt in Slovenia's
// time zone), spam left out; referrals, outcomes and acknowledgement times are those of these
// reports' referrals. Only plaintext columns were ever counted: statistics never decrypt.
//
// Durations: percentile_cont over the reports themselves while the period holds few enough
// (exactLimit) and none of them was deleted; otherwise from the rollup's histograms
// ("StatisticsDuration"), within 0.5 % plus a second (lib/statistics/histogram.ts).

export type Count = { key: string; count: number };
type RawDuration = { count: number; medianHours: number | null; p90Hours: number | null };

export type RawStatistics = {
  reports: number;
  months: Count[];
  forms: Count[];
  regions: Count[];
  minors: Count[];
  reporterRoles: Count[];
  languages: Count[];
  routes: Count[];
  outcomes: Count[];
  firstLook: RawDuration;
  acknowledgement: RawDuration;
  closure: RawDuration;
};

/**
 * Up to this many reports in a period, its times are exact. The exact statements cost 10–15 ms
 * per 1,000 reports (scripts/bench-statistics.ts: 267 ms over a month of 26,000), so the limit
 * keeps the page well within its 500 ms; the histograms cost the same for any period.
 */
export const exactLimit = 10_000;

/** The first instant of a month in Slovenia, as the UTC timestamp Prisma stores. */
function monthStart({ year, month }: Month): Prisma.Sql {
  return Prisma.sql`(make_timestamptz(${year}::int, ${month}::int, 1, 0, 0, 0, 'Europe/Ljubljana') AT TIME ZONE 'UTC')`;
}
const monthDate = (m: Month) => Prisma.sql`${`${formatMonth(m)}-01`}::date`;

const hours = (value: number | null | undefined) => (value == null ? null : Number(value) / 3600);

type CountRow = { dimension: string; key: string; count: number };
type BucketRow = { measure: DurationId; bucket: number; count: number };
type ExactRow = { measure: DurationId; count: number; median: number | null; p90: number | null };

export function statisticsStatements(period: Period) {
  const inMonths = Prisma.sql`month BETWEEN ${monthDate(period.from)} AND ${monthDate(period.to)}`;
  // Every count of the period, summed over months and slots (the months table keeps its months).
  const counts = Prisma.sql`
    SELECT dimension, CASE WHEN dimension = 'reports' THEN to_char(month, 'YYYY-MM') ELSE key END AS key,
           sum(count)::int AS count
    FROM "StatisticsCount" WHERE ${inMonths}
    GROUP BY 1, 2 HAVING sum(count) <> 0`;
  const histograms = Prisma.sql`
    SELECT measure, bucket, sum(count)::int AS count
    FROM "StatisticsDuration" WHERE ${inMonths}
    GROUP BY 1, 2 HAVING sum(count) <> 0`;

  // The exact times, for small periods: the same definitions as the triggers' (the report's own
  // times, its referrals' acknowledgements, spam left out). percentile_cont ignores NULLs.
  const after =
    period.to.month === 12
      ? { year: period.to.year + 1, month: 1 }
      : { ...period.to, month: period.to.month + 1 };
  const inPeriod = Prisma.sql`r."createdAt" >= ${monthStart(period.from)} AND r."createdAt" < ${monthStart(after)} AND r.status <> 'SPAM'`;
  const firstLook = Prisma.sql`extract(epoch FROM r."firstSeenAt" - r."createdAt")::float8`;
  const closure = Prisma.sql`CASE WHEN r.status = 'CLOSED' THEN extract(epoch FROM r."closedAt" - r."createdAt")::float8 END`;
  const exact = (measure: DurationId, value: Prisma.Sql, from: Prisma.Sql) => Prisma.sql`
    SELECT ${measure} AS measure, count(${value})::int AS count,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY ${value}) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY ${value}) AS p90
    FROM ${from} WHERE ${inPeriod}`;
  const times = Prisma.sql`
    ${exact("firstLook", firstLook, Prisma.sql`"Report" r`)}
    UNION ALL ${exact("closure", closure, Prisma.sql`"Report" r`)}
    UNION ALL ${exact(
      "acknowledgement",
      Prisma.sql`f.s`,
      // OFFSET 0 keeps the lateral a per-report index lookup, so the cost follows the period's
      // size: flattened into a join, the planner may hash every referral ever made.
      Prisma.sql`"Report" r CROSS JOIN LATERAL (
        SELECT extract(epoch FROM f."acknowledgedAt" - f."createdAt")::float8 AS s
        FROM "Referral" f WHERE f."reportId" = r.id OFFSET 0) f`,
    )}`;
  return { counts, histograms, times };
}

export async function queryStatistics(
  period: Period,
  options: { exactLimit?: number } = {},
): Promise<RawStatistics> {
  const sql = statisticsStatements(period);
  const [countRows, bucketRows] = await Promise.all([
    db.$queryRaw<CountRow[]>(sql.counts),
    db.$queryRaw<BucketRow[]>(sql.histograms),
  ]);
  const of = (dimension: string) =>
    countRows
      .filter((row) => row.dimension === dimension)
      .map(({ key, count }) => ({ key, count }));
  const byMonth = new Map(of("reports").map((row) => [row.key, row.count]));
  const reports = [...byMonth.values()].reduce((sum, n) => sum + n, 0);

  const histogram = (measure: DurationId): Bucket[] =>
    bucketRows.filter((row) => row.measure === measure);
  const durations = Object.fromEntries(
    durationIds.map((id) => {
      const buckets = histogram(id);
      return [
        id,
        {
          count: buckets.reduce((sum, b) => sum + b.count, 0),
          medianHours: hours(histogramPercentile(buckets, 0.5)),
          p90Hours: hours(histogramPercentile(buckets, 0.9)),
        },
      ];
    }),
  ) as Record<DurationId, RawDuration>;
  if (reports <= (options.exactLimit ?? exactLimit)) {
    for (const row of await db.$queryRaw<ExactRow[]>(sql.times)) {
      // Equal counts: no report of the period was deleted, so the exact figure is the same
      // population's. Otherwise the histogram, which still counts the deleted ones.
      if (row.count !== durations[row.measure].count) continue;
      durations[row.measure] = {
        count: row.count,
        medianHours: hours(row.median),
        p90Hours: hours(row.p90),
      };
    }
  }

  return {
    reports,
    months: monthsOf(period).map((m) => ({
      key: formatMonth(m),
      count: byMonth.get(formatMonth(m)) ?? 0,
    })),
    regions: of("region"),
    minors: of("minors"),
    reporterRoles: of("reporterRole"),
    languages: of("locale"),
    forms: of("form"),
    routes: of("route"),
    outcomes: of("outcome"),
    ...durations,
  };
}
