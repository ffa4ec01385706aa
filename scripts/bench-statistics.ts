// Run by `npm run bench -- --statistics[=N]` (scripts/bench.mjs) against its own throwaway
// database, never the app's: seeds N reports (default 1,000,000) and their referrals with SQL
// generate_series (the statistics triggers counting each batch as they would any write), then
// times the statistics page's data layer (lib/statistics) as the page calls it. Prints Markdown;
// asserts nothing. Only plaintext columns vary; every encrypted column that must be filled holds
// the same dummy text of a typical ciphertext's length (600 bytes), which statistics never read.
import { db } from "@/lib/db";
import { buildStatisticsView } from "@/lib/statistics/statistics-view";
import { currentMonth, type Period } from "@/lib/statistics/period";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  exactLimit,
  queryStatistics,
  statisticsStatements,
} from "@/lib/statistics/query-statistics";
import { seedBenchReports } from "./lib/bench-seed-reports";

const target = Number(process.argv[2] ?? 1_000_000);
const log = (message: string) => console.error(`[bench] ${message}`);
async function time(period: Period, runs = 5) {
  const orgs = (await db.organization.findMany({ select: { id: true } })).map((o) => o.id);
  const once = async () => buildStatisticsView(await queryStatistics(period), orgs, 5);
  for (let i = 0; i < 2; i++) await once(); // warm up
  const samples: number[] = [];
  let reports = 0;
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    reports = (await once()).tables.months.total ?? 0;
    samples.push(performance.now() - began);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { reports, p50: at(0.5), p95: at(0.95), max: samples.at(-1)! };
}

/** Single-report INSERTs, one transaction each, as submissions write them: what the triggers cost. */
async function writeCost(runs = 300) {
  const insert = `INSERT INTO "Report" (id, "receiptHash", "submissionId", locale, urgency, "urgencyReasons",
      "suggestedRoute", "routeReasons", forms, indicators, region, "whenPeriod", "peopleCount", minors,
      "immediateDanger", "reporterRole", description)
    VALUES (gen_random_uuid(), encode(sha256(gen_random_uuid()::text::bytea), 'hex'), gen_random_uuid(), 'sl',
      'LOW', '{}', '{}', '{}', ARRAY['labour', 'sexual'], '{}', 'gorenjska', 'unknown', 'one', 'NO', 'NO',
      'witness', 'bench:' || repeat('0', 600))`;
  const samples: number[] = [];
  for (let i = 0; i < runs + 20; i++) {
    const began = performance.now();
    await db.$executeRawUnsafe(insert);
    if (i >= 20) samples.push(performance.now() - began);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

await seedBenchReports(target, log);
const total = await db.report.count();
const now = currentMonth(new Date());
const monthsBack = (n: number) => {
  const i = now.year * 12 + now.month - 1 - n;
  return { year: Math.floor(i / 12), month: (i % 12) + 1 };
};
const periods: [string, Period][] = [
  ["the year so far (the page's default)", { from: { year: now.year, month: 1 }, to: now }],
  ["all three years", { from: monthsBack(37), to: now }],
  ["last month", { from: monthsBack(1), to: monthsBack(1) }],
];
console.log(`## Statistics page data over ${total.toLocaleString("en")} reports`);
console.log();
console.log(
  `Every figure of the page (the rollup's counts, the duration histograms, and for periods of up to ${exactLimit.toLocaleString("en")} reports the exact percentiles over the reports), run as the page runs it, then suppression. 5 runs after 2 warm-ups, one process.`,
);
console.log();
console.log("| period | reports in it (spam excluded) | p50 | p95 | max |");
console.log("| --- | ---: | ---: | ---: | ---: |");
for (const [label, period] of periods) {
  const r = await time(period);
  console.log(
    `| ${label} | ${r.reports.toLocaleString("en")} | ${r.p50.toFixed(0)} ms | ${r.p95.toFixed(0)} ms | ${r.max.toFixed(0)} ms |`,
  );
}
console.log();

// Where the time goes: each statement alone, and its plan. The rollup's over the default period;
// the exact percentiles over last month (the page runs them only for small periods).
const statements = {
  counts: statisticsStatements(periods[0]![1]).counts,
  histograms: statisticsStatements(periods[0]![1]).histograms,
  "exact times (last month)": statisticsStatements(periods[2]![1]).times,
};
console.log("Each statement alone, 5 runs:");
console.log();
console.log("| statement | p50 |");
console.log("| --- | ---: |");
const plans: string[] = [];
for (const [name, sql] of Object.entries(statements)) {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const began = performance.now();
    await db.$queryRaw(sql);
    samples.push(performance.now() - began);
  }
  samples.sort((a, b) => a - b);
  console.log(`| ${name} | ${samples[2]!.toFixed(0)} ms |`);
  const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>(
    Prisma.sql`EXPLAIN (ANALYZE, COSTS OFF, BUFFERS OFF) ${sql}`,
  );
  plans.push(`-- ${name}`, ...plan.map((row) => row["QUERY PLAN"]));
}
console.log();
console.log("```");
for (const line of plans) console.log(line);
console.log("```");
console.log();

// Last, as it adds reports: the triggers' cost on a submission's INSERT.
const withTriggers = await writeCost();
await db.$executeRawUnsafe(`ALTER TABLE "Report" DISABLE TRIGGER "Report_statistics_insert"`);
const withoutTriggers = await writeCost();
await db.$executeRawUnsafe(`ALTER TABLE "Report" ENABLE TRIGGER "Report_statistics_insert"`);
console.log(
  "One report INSERT per transaction (300 after 20 warm-ups), what the rollup costs a submission:",
);
console.log();
console.log("| INSERT | p50 | p95 |");
console.log("| --- | ---: | ---: |");
for (const [label, r] of [
  ["with the statistics trigger", withTriggers],
  ["trigger disabled", withoutTriggers],
] as const)
  console.log(`| ${label} | ${r.p50.toFixed(2)} ms | ${r.p95.toFixed(2)} ms |`);
console.log();
await db.$disconnect();
