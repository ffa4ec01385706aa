// npm run bench:triage -- [runs=200]
// Times the triage list exactly as the dashboard runs it (lib/reports/list-reports.ts): the first
// page of open reports, a filtered page, and a page deep in the keyset. Prints p50/p95; asserts
// nothing. Seed first: npm run seed:reports (100,000 reports).
import { db } from "@/lib/db";
import { listReports } from "@/lib/reports/list-reports";

const runs = Number(process.argv[2] ?? 200);
const total = await db.report.count();

async function time(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await fn(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(1);
  console.log(`${label.padEnd(44)} p50 ${at(0.5).padStart(6)} ms   p95 ${at(0.95).padStart(6)} ms`);
}

console.log(`triage list over ${total} reports, ${runs} runs each`);
await time("first page, open reports", () => listReports({}));
await time("filtered: NEW, HIGH, labour", () =>
  listReports({ status: "NEW", urgency: "HIGH", form: "labour" }),
);
let cursor: string | undefined;
for (let i = 0; i < 20; i++) cursor = (await listReports({}, cursor)).next ?? undefined;
await time("page 21 (keyset)", () => listReports({}, cursor));
await time("search by reference", () => listReports({ reference: "TR-2026-04242" }));
await db.$disconnect();
