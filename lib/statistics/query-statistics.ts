import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { formatMonth, monthsOf, type Month, type Period } from "./period";

// The counts behind the statistics page, straight from PostgreSQL. Only plaintext columns are
// read (answers the reporter chose from lists, states and times); no encrypted column is touched,
// so statistics never decrypt report content. Every figure is about the reports received in the
// period (by Report.createdAt in Slovenia's time zone), spam left out; referrals, outcomes and
// acknowledgement times are those of these reports' referrals.

export type Count = { key: string; count: number };
export type RawDuration = { count: number; medianHours: number | null; p90Hours: number | null };

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

/** The first instant of a month in Slovenia, as the UTC timestamp Prisma stores. */
function monthStart({ year, month }: Month): Prisma.Sql {
  return Prisma.sql`(make_timestamptz(${year}::int, ${month}::int, 1, 0, 0, 0, 'Europe/Ljubljana') AT TIME ZONE 'UTC')`;
}

function bounds(period: Period) {
  const after =
    period.to.month === 12
      ? { year: period.to.year + 1, month: 1 }
      : { ...period.to, month: period.to.month + 1 };
  return { from: monthStart(period.from), until: monthStart(after) };
}

const hours = (value: number | null | undefined) => (value == null ? null : Number(value) / 3600);

type GroupRow = { dim: number; key: string | null; count: number };
type DurationRow = { count: number; median: number | null; p90: number | null };

export async function queryStatistics(period: Period): Promise<RawStatistics> {
  const { from, until } = bounds(period);
  const inPeriod = Prisma.sql`r."createdAt" >= ${from} AND r."createdAt" < ${until} AND r.status <> 'SPAM'`;
  const localMonth = Prisma.sql`to_char((r."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Ljubljana', 'YYYY-MM')`;

  // One scan of the period for every single-valued answer; GROUPING() tells the sets apart
  // (bit 4: month, 3: region, 2: minors, 1: reporter role, 0: language; a set has its bit clear).
  const grouped = db.$queryRaw<GroupRow[]>`
    SELECT GROUPING(${localMonth}, r.region, r.minors, r."reporterRole", r.locale)::int AS dim,
           COALESCE(${localMonth}, r.region, r.minors::text, r."reporterRole", r.locale) AS key,
           count(*)::int AS count
    FROM "Report" r WHERE ${inPeriod}
    GROUP BY GROUPING SETS ((${localMonth}), (r.region), (r.minors), (r."reporterRole"), (r.locale))`;
  const forms = db.$queryRaw<Count[]>`
    SELECT f AS key, count(*)::int AS count
    FROM "Report" r CROSS JOIN LATERAL unnest(r.forms) AS f WHERE ${inPeriod} GROUP BY f`;
  const referrals = db.$queryRaw<GroupRow[]>`
    SELECT GROUPING(f."organizationId", COALESCE(f.outcome::text, 'OPEN'))::int AS dim,
           COALESCE(f."organizationId"::text, COALESCE(f.outcome::text, 'OPEN')) AS key,
           count(*)::int AS count
    FROM "Referral" f JOIN "Report" r ON r.id = f."reportId" WHERE ${inPeriod}
    GROUP BY GROUPING SETS ((f."organizationId"), (COALESCE(f.outcome::text, 'OPEN')))`;
  // percentile_cont ignores NULLs: reports not yet seen or closed do not count towards a time.
  const reportTimes = db.$queryRaw<[DurationRow, DurationRow]>`
    SELECT count(*)::int AS count,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY s) AS p90
    FROM (SELECT extract(epoch FROM r."firstSeenAt" - r."createdAt")::float8 AS s
          FROM "Report" r WHERE ${inPeriod} AND r."firstSeenAt" IS NOT NULL) first
    UNION ALL
    SELECT count(*)::int, percentile_cont(0.5) WITHIN GROUP (ORDER BY s), percentile_cont(0.9) WITHIN GROUP (ORDER BY s)
    FROM (SELECT extract(epoch FROM r."closedAt" - r."createdAt")::float8 AS s
          FROM "Report" r WHERE ${inPeriod} AND r.status = 'CLOSED' AND r."closedAt" IS NOT NULL) closed`;
  const acknowledgement = db.$queryRaw<[DurationRow]>`
    SELECT count(*)::int AS count,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY s) AS p90
    FROM (SELECT extract(epoch FROM f."acknowledgedAt" - f."createdAt")::float8 AS s
          FROM "Referral" f JOIN "Report" r ON r.id = f."reportId"
          WHERE ${inPeriod} AND f."acknowledgedAt" IS NOT NULL) acknowledged`;

  const [groupRows, formRows, referralRows, [firstLook, closure], [acknowledged]] =
    await Promise.all([grouped, forms, referrals, reportTimes, acknowledgement]);
  const set = (rows: GroupRow[], bit: number, width: number) =>
    rows
      .filter((row) => row.dim === (1 << width) - 1 - (1 << bit))
      .map((row) => ({ key: row.key ?? "", count: row.count }));
  const duration = (row: DurationRow): RawDuration => ({
    count: row.count,
    medianHours: hours(row.median),
    p90Hours: hours(row.p90),
  });
  const months = set(groupRows, 4, 5);
  return {
    reports: months.reduce((sum, m) => sum + m.count, 0),
    months: monthsOf(period).map((m) => ({
      key: formatMonth(m),
      count: months.find((row) => row.key === formatMonth(m))?.count ?? 0,
    })),
    regions: set(groupRows, 3, 5),
    minors: set(groupRows, 2, 5),
    reporterRoles: set(groupRows, 1, 5),
    languages: set(groupRows, 0, 5),
    forms: formRows,
    routes: set(referralRows, 1, 2),
    outcomes: set(referralRows, 0, 2),
    firstLook: duration(firstLook),
    acknowledgement: duration(acknowledged),
    closure: duration(closure),
  };
}
