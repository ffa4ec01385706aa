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
type TimesRow = {
  firstLook: number;
  firstLookMedian: number | null;
  firstLookP90: number | null;
  closure: number;
  closureMedian: number | null;
  closureP90: number | null;
};
type ReferralRow = {
  kind: number;
  key: string;
  count: number;
  median: number | null;
  p90: number | null;
};

// Four statements, run at once on separate connections, each one pass over its rows (timed, with
// their plans, by scripts/bench-statistics.ts). The index "Report_statistics_idx" covers every
// column they read from reports, so the wide encrypted rows are not read at all.
export function statisticsStatements(period: Period) {
  const { from, until } = bounds(period);
  const inPeriod = Prisma.sql`r."createdAt" >= ${from} AND r."createdAt" < ${until} AND r.status <> 'SPAM'`;
  const months = monthsOf(period);
  // The month of a report by binary search over the months' first instants (cheaper per row than
  // converting every timestamp to local time): bucket 1 is the first month of the period.
  const monthStarts = Prisma.sql`ARRAY[${Prisma.join(months.map(monthStart))}]::timestamp[]`;
  const bucket = Prisma.sql`width_bucket(r."createdAt", ${monthStarts})`;

  // Every single-valued answer in one pass; GROUPING() tells the sets apart (bit 4: month,
  // 3: region, 2: minors, 1: reporter role, 0: language; a set has its own bit clear).
  const grouped = Prisma.sql`
    SELECT GROUPING(r.month, r.region, r.minors, r."reporterRole", r.locale)::int AS dim,
           COALESCE(r.month::text, r.region, r.minors::text, r."reporterRole", r.locale) AS key,
           count(*)::int AS count
    FROM (SELECT ${bucket} AS month, r.region, r.minors, r."reporterRole", r.locale
          FROM "Report" r WHERE ${inPeriod}) r
    GROUP BY GROUPING SETS ((r.month), (r.region), (r.minors), (r."reporterRole"), (r.locale))`;
  // Forms: a report may name several, each counted once.
  const forms = Prisma.sql`
    SELECT f AS key, count(*)::int AS count
    FROM "Report" r CROSS JOIN LATERAL unnest(r.forms) AS f WHERE ${inPeriod} GROUP BY f`;
  // The report's own times.
  // percentile_cont ignores NULLs: reports not yet seen or closed do not count towards a time.
  const firstLook = Prisma.sql`extract(epoch FROM r."firstSeenAt" - r."createdAt")::float8`;
  const closure = Prisma.sql`CASE WHEN r.status = 'CLOSED' THEN extract(epoch FROM r."closedAt" - r."createdAt")::float8 END`;
  const times = Prisma.sql`
    SELECT count(${firstLook})::int AS "firstLook",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY ${firstLook}) AS "firstLookMedian",
           percentile_cont(0.9) WITHIN GROUP (ORDER BY ${firstLook}) AS "firstLookP90",
           count(${closure})::int AS closure,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY ${closure}) AS "closureMedian",
           percentile_cont(0.9) WITHIN GROUP (ORDER BY ${closure}) AS "closureP90"
    FROM "Report" r WHERE ${inPeriod}`;
  // The referrals of these reports, read once: by organisation, by outcome, and the times to
  // acknowledgement (kind 0, 1 and 2).
  const referrals = Prisma.sql`
    WITH f AS MATERIALIZED (
      SELECT f."organizationId"::text AS organization, COALESCE(f.outcome::text, 'OPEN') AS outcome,
             extract(epoch FROM f."acknowledgedAt" - f."createdAt")::float8 AS s
      FROM "Referral" f JOIN "Report" r ON r.id = f."reportId" WHERE ${inPeriod})
    SELECT 0 AS kind, organization AS key, count(*)::int AS count, NULL::float8 AS median, NULL::float8 AS p90 FROM f GROUP BY organization
    UNION ALL SELECT 1, outcome, count(*)::int, NULL, NULL FROM f GROUP BY outcome
    UNION ALL SELECT 2, '', count(s)::int, percentile_cont(0.5) WITHIN GROUP (ORDER BY s), percentile_cont(0.9) WITHIN GROUP (ORDER BY s) FROM f`;
  return { months, grouped, forms, times, referrals };
}

export async function queryStatistics(period: Period): Promise<RawStatistics> {
  const { months, ...sql } = statisticsStatements(period);
  const [groupRows, formRows, [t], referralRows] = await Promise.all([
    db.$queryRaw<GroupRow[]>(sql.grouped),
    db.$queryRaw<{ key: string; count: number }[]>(sql.forms),
    db.$queryRaw<[TimesRow]>(sql.times),
    db.$queryRaw<ReferralRow[]>(sql.referrals),
  ]);
  const set = (bit: number) =>
    groupRows
      .filter((row) => row.dim === 31 - (1 << bit))
      .map((row) => ({ key: row.key ?? "", count: row.count }));
  const byMonth = new Map(set(4).map((row) => [Number(row.key), row.count]));
  const kind = (k: number) =>
    referralRows.filter((row) => row.kind === k).map((row) => ({ key: row.key, count: row.count }));
  const acknowledged = referralRows.find((row) => row.kind === 2);
  return {
    reports: [...byMonth.values()].reduce((sum, n) => sum + n, 0),
    months: months.map((m, i) => ({ key: formatMonth(m), count: byMonth.get(i + 1) ?? 0 })),
    regions: set(3),
    minors: set(2),
    reporterRoles: set(1),
    languages: set(0),
    forms: formRows,
    routes: kind(0),
    outcomes: kind(1),
    firstLook: {
      count: t.firstLook,
      medianHours: hours(t.firstLookMedian),
      p90Hours: hours(t.firstLookP90),
    },
    acknowledgement: {
      count: acknowledged?.count ?? 0,
      medianHours: hours(acknowledged?.median),
      p90Hours: hours(acknowledged?.p90),
    },
    closure: {
      count: t.closure,
      medianHours: hours(t.closureMedian),
      p90Hours: hours(t.closureP90),
    },
  };
}
