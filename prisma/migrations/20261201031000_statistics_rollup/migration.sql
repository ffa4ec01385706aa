-- Statistics from a rollup (issue 16; read by lib/statistics/query-statistics.ts). Counting every
-- report of a period took seconds over 1,000,000 reports; these two small tables hold the same
-- figures per local month (Europe/Ljubljana), so the page reads a few thousand rows whatever the
-- number of reports.
--
-- Who keeps them: triggers on "Report" and "Referral", never the app. A trigger cannot be forgotten
-- by a future code path, a raw SQL write or a bulk update, and it runs inside the writing
-- transaction, so the rollup commits or rolls back with the change it counts and cannot drift.
-- The app's report and referral code is unchanged. The triggers are per statement over its
-- transition tables: a statement that writes many rows adds them up once, not row by row.
--
-- What a report contributes, in the month of its "createdAt" (local time), exactly what the page
-- showed when it counted reports directly:
--   * nothing while it is SPAM. Marking it as spam takes back everything it and its referrals
--     added; un-marking it (reopening, SPAM → IN_TRIAGE) adds it all back.
--   * one to dimension 'reports' (the months table), one to each of region, minors, reporterRole
--     and locale, one to each distinct form it names ('form');
--   * per referral: one to 'route' (the organisation's id) and one to 'outcome' (its outcome,
--     'OPEN' while it has none);
--   * durations, as counts per logarithmic bucket (statistics_bucket): 'firstLook' once
--     "firstSeenAt" is set; 'closure' while its status is CLOSED (reopening takes it back; closing
--     again adds the new time); 'acknowledgement' per acknowledged referral.
-- Any change to these columns takes back the old contribution and adds the new one in the same
-- statement, so corrections (a region fixed, a createdAt moved) move the counts with them.
--
-- Deleting does not take anything back. Reports are deleted only by retention
-- (lib/retention/purge-reports.ts) after they were closed or marked as spam, and the annual report
-- must still count past years whose reports are gone: the rollup is the record that they were
-- received, holding no content and no identifier. A report that must leave the statistics is
-- marked as spam (before any deletion). Because of this, the rollup equals a direct count only
-- over periods nothing was deleted from; it is never rebuilt from the reports after the backfill
-- below (a rebuild would lose the purged years).
--
-- Concurrency: every write is INSERT … ON CONFLICT DO UPDATE of an increment, in key order.
-- Counts are split over 16 slots chosen by the writing connection, so concurrent submissions in
-- the same month increment different rows instead of queueing on one row lock until commit; the
-- reader sums the slots (a slot may go negative, only sums have meaning). A referral's trigger
-- takes a share lock on its report before reading the report's month and spam state, so a report
-- being marked as spam and a referral being written at the same time are counted one after the
-- other, never both against a stale state.

CREATE TABLE "StatisticsCount" (
    "month" DATE NOT NULL,
    "dimension" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "slot" SMALLINT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "StatisticsCount_pkey" PRIMARY KEY ("month","dimension","key","slot")
);

CREATE TABLE "StatisticsDuration" (
    "month" DATE NOT NULL,
    "measure" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "StatisticsDuration_pkey" PRIMARY KEY ("month","measure","bucket")
);

-- Timestamps are stored as UTC without a zone (Prisma's convention).
CREATE FUNCTION statistics_month(at timestamp) RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT date_trunc('month', (at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Ljubljana')::date $$;

-- Bucket b > 0 holds durations in [1.01^(b-1), 1.01^b) seconds, -b the same span below zero, 0
-- everything under a second. lib/statistics/histogram.ts reads a bucket as its geometric middle,
-- within 0.5 % of every value in it (or within a second, for bucket 0). Keep the two in step.
CREATE FUNCTION statistics_bucket(seconds float8) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN abs(seconds) < 1 THEN 0
                  ELSE sign(seconds)::int * (1 + floor(ln(abs(seconds)) / ln(1.01))::int) END $$;

-- What one report, in the state `r`, adds to "StatisticsCount" (its referrals' counts included).
-- COALESCE: a NULL in a key would make the trigger, and so the report's own write, fail.
CREATE FUNCTION statistics_report_counts(r "Report")
RETURNS TABLE (month date, dimension text, key text)
LANGUAGE sql STABLE
AS $$
  SELECT statistics_month(r."createdAt"), d.dimension, COALESCE(d.key, '')
  FROM (VALUES ('reports', ''), ('region', r.region), ('minors', r.minors::text),
               ('reporterRole', r."reporterRole"), ('locale', r.locale)) AS d(dimension, key)
  WHERE r.status <> 'SPAM'
  UNION ALL
  SELECT DISTINCT statistics_month(r."createdAt"), 'form', COALESCE(f, '')
  FROM unnest(r.forms) AS f WHERE r.status <> 'SPAM'
  UNION ALL
  SELECT statistics_month(r."createdAt"), d.dimension, d.key
  FROM "Referral" f
  CROSS JOIN LATERAL (VALUES ('route', f."organizationId"::text),
                             ('outcome', COALESCE(f.outcome::text, 'OPEN'))) AS d(dimension, key)
  WHERE f."reportId" = r.id AND r.status <> 'SPAM'
$$;

-- What one report, in the state `r`, adds to "StatisticsDuration".
CREATE FUNCTION statistics_report_durations(r "Report")
RETURNS TABLE (month date, measure text, bucket integer)
LANGUAGE sql STABLE
AS $$
  SELECT statistics_month(r."createdAt"), 'firstLook',
         statistics_bucket(extract(epoch FROM r."firstSeenAt" - r."createdAt")::float8)
  WHERE r.status <> 'SPAM' AND r."firstSeenAt" IS NOT NULL
  UNION ALL
  SELECT statistics_month(r."createdAt"), 'closure',
         statistics_bucket(extract(epoch FROM r."closedAt" - r."createdAt")::float8)
  WHERE r.status = 'CLOSED' AND r."closedAt" IS NOT NULL
  UNION ALL
  SELECT statistics_month(r."createdAt"), 'acknowledgement',
         statistics_bucket(extract(epoch FROM f."acknowledgedAt" - f."createdAt")::float8)
  FROM "Referral" f
  WHERE f."reportId" = r.id AND f."acknowledgedAt" IS NOT NULL AND r.status <> 'SPAM'
$$;

-- What one referral adds, given its report's state (read under the share lock the caller took).
CREATE FUNCTION statistics_referral_counts(f "Referral")
RETURNS TABLE (month date, dimension text, key text)
LANGUAGE sql STABLE
AS $$
  SELECT statistics_month(r."createdAt"), d.dimension, d.key
  FROM "Report" r
  CROSS JOIN LATERAL (VALUES ('route', f."organizationId"::text),
                             ('outcome', COALESCE(f.outcome::text, 'OPEN'))) AS d(dimension, key)
  WHERE r.id = f."reportId" AND r.status <> 'SPAM'
$$;

CREATE FUNCTION statistics_referral_durations(f "Referral")
RETURNS TABLE (month date, measure text, bucket integer)
LANGUAGE sql STABLE
AS $$
  SELECT statistics_month(r."createdAt"), 'acknowledgement',
         statistics_bucket(extract(epoch FROM f."acknowledgedAt" - f."createdAt")::float8)
  FROM "Report" r
  WHERE r.id = f."reportId" AND r.status <> 'SPAM' AND f."acknowledgedAt" IS NOT NULL
$$;

-- Adds the net change (new states minus old states) of a statement to the rollup. The temporary
-- tables are filled by the triggers below; rows whose change sums to zero are not written at all,
-- so an update that touches nothing counted (an assignment, a note) costs no write.
CREATE FUNCTION statistics_apply(counts jsonb, durations jsonb) RETURNS void
LANGUAGE sql VOLATILE
AS $$
  INSERT INTO "StatisticsCount" AS s (month, dimension, key, slot, count)
  SELECT (c->>'month')::date, c->>'dimension', c->>'key', (pg_backend_pid() % 16)::smallint,
         (c->>'n')::int
  FROM jsonb_array_elements(counts) AS c
  ORDER BY 1, 2, 3
  ON CONFLICT (month, dimension, key, slot) DO UPDATE SET count = s.count + EXCLUDED.count;
  INSERT INTO "StatisticsDuration" AS s (month, measure, bucket, count)
  SELECT (c->>'month')::date, c->>'measure', (c->>'bucket')::int, (c->>'n')::int
  FROM jsonb_array_elements(durations) AS c
  ORDER BY 1, 2, 3
  ON CONFLICT (month, measure, bucket) DO UPDATE SET count = s.count + EXCLUDED.count;
$$;

CREATE FUNCTION statistics_report_changed() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  counts jsonb;
  durations jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('month', month, 'dimension', dimension, 'key', key, 'n', n))
    INTO counts
    FROM (SELECT c.month, c.dimension, c.key, count(*) AS n
          FROM new_rows r CROSS JOIN LATERAL statistics_report_counts(r) c
          GROUP BY 1, 2, 3) x;
    SELECT jsonb_agg(jsonb_build_object('month', month, 'measure', measure, 'bucket', bucket, 'n', n))
    INTO durations
    FROM (SELECT c.month, c.measure, c.bucket, count(*) AS n
          FROM new_rows r CROSS JOIN LATERAL statistics_report_durations(r) c
          GROUP BY 1, 2, 3) x;
  ELSE
    SELECT jsonb_agg(jsonb_build_object('month', month, 'dimension', dimension, 'key', key, 'n', n))
    INTO counts
    FROM (SELECT month, dimension, key, sum(n) AS n
          FROM (SELECT c.*, 1 AS n FROM new_rows r CROSS JOIN LATERAL statistics_report_counts(r) c
                UNION ALL
                SELECT c.*, -1 FROM old_rows r CROSS JOIN LATERAL statistics_report_counts(r) c) d
          GROUP BY 1, 2, 3 HAVING sum(n) <> 0) x;
    SELECT jsonb_agg(jsonb_build_object('month', month, 'measure', measure, 'bucket', bucket, 'n', n))
    INTO durations
    FROM (SELECT month, measure, bucket, sum(n) AS n
          FROM (SELECT c.*, 1 AS n FROM new_rows r CROSS JOIN LATERAL statistics_report_durations(r) c
                UNION ALL
                SELECT c.*, -1 FROM old_rows r CROSS JOIN LATERAL statistics_report_durations(r) c) d
          GROUP BY 1, 2, 3 HAVING sum(n) <> 0) x;
  END IF;
  IF counts IS NOT NULL OR durations IS NOT NULL THEN
    PERFORM statistics_apply(COALESCE(counts, '[]'), COALESCE(durations, '[]'));
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION statistics_referral_changed() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  counts jsonb;
  durations jsonb;
BEGIN
  -- The reports first, in id order: a concurrent spam marking of one of them waits for this
  -- transaction or this waits for it, and the statements below (each with a fresh snapshot) then
  -- read the report's committed state.
  IF TG_OP = 'INSERT' THEN
    PERFORM 1 FROM "Report" WHERE id IN (SELECT "reportId" FROM new_rows) ORDER BY id FOR SHARE;
    SELECT jsonb_agg(jsonb_build_object('month', month, 'dimension', dimension, 'key', key, 'n', n))
    INTO counts
    FROM (SELECT c.month, c.dimension, c.key, count(*) AS n
          FROM new_rows f CROSS JOIN LATERAL statistics_referral_counts(f) c
          GROUP BY 1, 2, 3) x;
    SELECT jsonb_agg(jsonb_build_object('month', month, 'measure', measure, 'bucket', bucket, 'n', n))
    INTO durations
    FROM (SELECT c.month, c.measure, c.bucket, count(*) AS n
          FROM new_rows f CROSS JOIN LATERAL statistics_referral_durations(f) c
          GROUP BY 1, 2, 3) x;
  ELSE
    PERFORM 1 FROM "Report"
    WHERE id IN (SELECT "reportId" FROM new_rows UNION SELECT "reportId" FROM old_rows)
    ORDER BY id FOR SHARE;
    SELECT jsonb_agg(jsonb_build_object('month', month, 'dimension', dimension, 'key', key, 'n', n))
    INTO counts
    FROM (SELECT month, dimension, key, sum(n) AS n
          FROM (SELECT c.*, 1 AS n FROM new_rows f CROSS JOIN LATERAL statistics_referral_counts(f) c
                UNION ALL
                SELECT c.*, -1 FROM old_rows f CROSS JOIN LATERAL statistics_referral_counts(f) c) d
          GROUP BY 1, 2, 3 HAVING sum(n) <> 0) x;
    SELECT jsonb_agg(jsonb_build_object('month', month, 'measure', measure, 'bucket', bucket, 'n', n))
    INTO durations
    FROM (SELECT month, measure, bucket, sum(n) AS n
          FROM (SELECT c.*, 1 AS n FROM new_rows f CROSS JOIN LATERAL statistics_referral_durations(f) c
                UNION ALL
                SELECT c.*, -1 FROM old_rows f CROSS JOIN LATERAL statistics_referral_durations(f) c) d
          GROUP BY 1, 2, 3 HAVING sum(n) <> 0) x;
  END IF;
  IF counts IS NOT NULL OR durations IS NOT NULL THEN
    PERFORM statistics_apply(COALESCE(counts, '[]'), COALESCE(durations, '[]'));
  END IF;
  RETURN NULL;
END
$$;

-- No DELETE triggers: see "Deleting does not take anything back" above.
CREATE TRIGGER "Report_statistics_insert" AFTER INSERT ON "Report"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_report_changed();
CREATE TRIGGER "Report_statistics_update" AFTER UPDATE ON "Report"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_report_changed();
CREATE TRIGGER "Referral_statistics_insert" AFTER INSERT ON "Referral"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_referral_changed();
CREATE TRIGGER "Referral_statistics_update" AFTER UPDATE ON "Referral"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_referral_changed();

-- The backfill, after the triggers: CREATE TRIGGER holds a lock that keeps writers out of both
-- tables until this migration commits, so no report is counted twice or missed.
INSERT INTO "StatisticsCount" (month, dimension, key, slot, count)
SELECT c.month, c.dimension, c.key, 0, count(*)
FROM "Report" r CROSS JOIN LATERAL statistics_report_counts(r) c
GROUP BY 1, 2, 3;

INSERT INTO "StatisticsDuration" (month, measure, bucket, count)
SELECT c.month, c.measure, c.bucket, count(*)
FROM "Report" r CROSS JOIN LATERAL statistics_report_durations(r) c
GROUP BY 1, 2, 3;

-- Counts no longer read the reports; the exact percentiles of a small period
-- (lib/statistics/query-statistics.ts) read only these columns.
DROP INDEX "Report_statistics_idx";
CREATE INDEX "Report_statistics_idx" ON "Report"("createdAt", "status", "firstSeenAt", "closedAt", "id");
