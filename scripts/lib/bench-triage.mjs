// The triage list query over 100,000 reports, as specified and with a candidate index (tried in a
// transaction that is rolled back, so the schema is never changed). Part of scripts/bench.mjs.
import { ms, percentile } from "./bench-util.mjs";

const triageSql = `SELECT id, number, status, urgency, "createdAt" FROM "Report"
  WHERE status IN ('NEW','IN_TRIAGE')
  ORDER BY (CASE urgency WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END), "createdAt" LIMIT 50`;
// The next page after a row: the same order with the id as the tie-breaker.
const triageNextSql = `SELECT id, number, status, urgency, "createdAt" FROM "Report"
  WHERE status IN ('NEW','IN_TRIAGE')
    AND ((CASE urgency WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END), "createdAt", id) > ($1, $2, $3)
  ORDER BY (CASE urgency WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END), "createdAt", id LIMIT 50`;
// The same two queries in the form the recommended index serves (enum order is CRITICAL < HIGH < MEDIUM < LOW).
const triageEnumSql = `SELECT id, number, status, urgency, "createdAt" FROM "Report"
  WHERE status IN ('NEW','IN_TRIAGE') ORDER BY urgency, "createdAt", id LIMIT 50`;
const triageEnumNextSql = `SELECT id, number, status, urgency, "createdAt" FROM "Report"
  WHERE status IN ('NEW','IN_TRIAGE') AND (urgency, "createdAt", id) > ($1::"Urgency", $2, $3)
  ORDER BY urgency, "createdAt", id LIMIT 50`;
const rank = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

async function timeQuery(client, sql, params, runs = 200) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await client.query(sql, typeof params === "function" ? params(i) : params);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

export async function triageQuery(db, { print, log, sampleRow }) {
  log("triage list over 100,000 reports");
  const sample = await sampleRow(db);
  const existing = Number((await db.query(`SELECT count(*) FROM "Report"`)).rows[0].count);
  const toAdd = Math.max(0, 100_000 - existing);
  // A plausible mix for a service some years in, given to every row (the reports this benchmark
  // submitted included): most referred or closed, a tenth open, spread over almost three years.
  const status = `(CASE width_bucket(random(), ARRAY[0.06, 0.10, 0.40, 0.95]::float8[])
      WHEN 0 THEN 'NEW' WHEN 1 THEN 'IN_TRIAGE' WHEN 2 THEN 'REFERRED' WHEN 3 THEN 'CLOSED' ELSE 'SPAM' END)::"ReportStatus"`;
  await db.query(
    `INSERT INTO "Report" (id, "receiptHash", "submissionId", locale, status, urgency, "urgencyReasons", "suggestedRoute", "routeReasons",
        forms, indicators, region, "whenPeriod", "peopleCount", minors, "immediateDanger", "reporterRole", description, "createdAt")
     SELECT gen_random_uuid(), encode(sha256(('bench' || g)::bytea), 'hex'), gen_random_uuid(), 'sl', 'NEW',
        (ARRAY['CRITICAL','HIGH','MEDIUM','LOW','LOW','MEDIUM','LOW','HIGH'])[1 + (g % 8)]::"Urgency",
        $1, $2, $3, $4, $5, $6, $7, $8, 'NO', 'NO', $9, $10, now()
     FROM generate_series(1, $11::int) g`,
    [
      sample.urgencyReasons,
      sample.suggestedRoute,
      sample.routeReasons,
      sample.forms,
      sample.indicators,
      sample.region,
      sample.whenPeriod,
      sample.peopleCount,
      sample.reporterRole,
      sample.description,
      toAdd,
    ],
  );
  await db.query(
    `UPDATE "Report" SET status = ${status}, "createdAt" = now() - random() * interval '1000 days'`,
  );
  await db.query(`VACUUM (ANALYZE) "Report"`);
  const { rows: counts } = await db.query(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE status IN ('NEW','IN_TRIAGE'))::int AS open FROM "Report"`,
  );

  const client = await db.connect();
  try {
    const firstPage = (await client.query(triageSql)).rows;
    const all = (await client.query(triageSql.replace("LIMIT 50", "LIMIT 5000"))).rows;
    const cursor = (i) => {
      const row = all[(i * 37) % all.length];
      return [rank[row.urgency], row.createdAt, row.id];
    };
    const enumCursor = (i) => {
      const row = all[(i * 37) % all.length];
      return [row.urgency, row.createdAt, row.id];
    };
    const plan = async (sql, params) =>
      (
        await client.query(
          `EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF, TIMING OFF, SUMMARY OFF) ${sql}`,
          params,
        )
      ).rows.map((r) => r["QUERY PLAN"]);
    const results = [
      ["first page, as specified", await timeQuery(client, triageSql, [])],
      ["keyset next page, as specified", await timeQuery(client, triageNextSql, cursor)],
    ];
    const plans = { first: await plan(triageSql, []), next: await plan(triageNextSql, cursor(1)) };

    // Candidate indexes, each tried inside a transaction that is rolled back: the schema is not changed.
    await client.query("BEGIN");
    await client.query(`CREATE INDEX bench_triage_all ON "Report" (urgency, "createdAt", id)`);
    await client.query(`ANALYZE "Report"`);
    results.push([
      "first page, ORDER BY urgency, plain index (urgency, createdAt, id)",
      await timeQuery(client, triageEnumSql, []),
    ]);
    results.push([
      "keyset next page, ORDER BY urgency, plain index",
      await timeQuery(client, triageEnumNextSql, enumCursor),
    ]);
    await client.query("ROLLBACK");
    await client.query("BEGIN");
    await client.query(
      `CREATE INDEX bench_triage_open ON "Report" (urgency, "createdAt", id) WHERE status IN ('NEW','IN_TRIAGE')`,
    );
    await client.query(`ANALYZE "Report"`);
    results.push([
      "first page, ORDER BY urgency, partial index on open reports",
      await timeQuery(client, triageEnumSql, []),
    ]);
    results.push([
      "keyset next page, ORDER BY urgency, partial index",
      await timeQuery(client, triageEnumNextSql, enumCursor),
    ]);
    plans.indexed = await plan(triageEnumSql, []);
    await client.query("ROLLBACK");

    print(
      `## Triage list over ${counts[0].total.toLocaleString("en")} reports (${counts[0].open.toLocaleString("en")} NEW or IN_TRIAGE)`,
    );
    print();
    print("200 runs each, one connection, sequential.");
    print();
    print("| query | p50 | p95 |");
    print("| --- | ---: | ---: |");
    for (const [label, r] of results) print(`| ${label} | ${ms(r.p50)} | ${ms(r.p95)} |`);
    print();
    print(`First page returned ${firstPage.length} rows. Plans (EXPLAIN ANALYZE):`);
    print();
    print("```");
    print("-- first page, as specified");
    for (const line of plans.first) print(line);
    print("-- keyset next page, as specified");
    for (const line of plans.next) print(line);
    print("-- first page with the partial index (rolled back)");
    for (const line of plans.indexed) print(line);
    print("```");
    print();
  } finally {
    client.release();
  }
}
