// Run by `npm run bench -- --links[=N]` (scripts/bench.mjs) against its own throwaway database,
// never the app's: seeds N reports (default 1,000,000, the statistics bench's seed) and three
// blind indexes each, spread as tips are: most identifiers named once, a recruiter's number or a
// car in a handful of reports, and a few numbers (a hotline, a big employer) in hundreds. Then
// times the "possibly linked reports" lookup (lib/links/list-links.ts) as the report page calls
// it, for triage (all reports) and for organisation staff (scope in the query). A digest shared by
// more than `manyReports` reports is not listed but named as shared by many: the table says how
// many calls found one. Prints Markdown.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { staffUserSelect, type StaffUser } from "@/lib/auth/session";
import { Prisma } from "@/lib/generated/prisma/client";
import { listPossibleLinks, manyReports } from "@/lib/links/list-links";
import { seedBenchReports } from "./lib/bench-seed-reports";

const target = Number(process.argv[2] ?? 1_000_000);
const log = (message: string) => console.error(`[bench] ${message}`);
const batch = 100_000;

async function seedIdentifiers() {
  if (await db.reportIdentifier.count()) return;
  const [range] = await db.$queryRaw<{ low: number; high: number }[]>`
    SELECT min(number) AS low, max(number) AS high FROM "Report"`;
  const { low, high } = range!;
  for (let from = low; from <= high; from += batch) {
    const began = performance.now();
    // phone: about one value per report, so some pairs share one; plate: shared by about three
    // reports; web: unique, except one report in a thousand naming one of ten "hot" addresses.
    await db.$executeRawUnsafe(`
      INSERT INTO "ReportIdentifier" (id, "reportId", kind, digest)
      SELECT gen_random_uuid(), r.id, k.kind,
        sha256(convert_to(CASE k.kind
          WHEN 'phone' THEN 'phone:' || ((r.number::bigint * 7919) % ${Math.round(target * 0.9)})
          WHEN 'plate' THEN 'plate:' || (r.number % ${Math.max(1, Math.round(target / 3))})
          ELSE CASE WHEN r.number % 1000 = 0 THEN 'web:hot' || (r.number % 10) ELSE 'web:' || r.number END
        END, 'UTF8'))
      FROM "Report" r CROSS JOIN (VALUES ('phone'), ('plate'), ('web')) AS k(kind)
      WHERE r.number >= ${from} AND r.number < ${from + batch}`);
    log(
      `indexed reports ${from.toLocaleString("en")}–${Math.min(high, from + batch - 1).toLocaleString("en")} (${((performance.now() - began) / 1000).toFixed(1)} s)`,
    );
  }
  await db.$executeRawUnsafe(`VACUUM (ANALYZE) "ReportIdentifier"`);
}

async function staff(role: "TRIAGE" | "ORG_STAFF"): Promise<StaffUser> {
  const organization = await db.organization.findFirstOrThrow({
    where: { slug: "kljuc" },
    select: { id: true },
  });
  return db.user.create({
    data: {
      id: randomUUID(),
      email: `${randomUUID()}@bench.test`,
      name: `Bench ${role}`,
      role,
      organizationId: role === "ORG_STAFF" ? organization.id : null,
      twoFactorEnabled: true,
    },
    select: staffUserSelect,
  });
}

async function time(user: StaffUser, reportIds: string[]) {
  for (const id of reportIds.slice(0, 20)) await listPossibleLinks(id, user); // warm up
  const samples: number[] = [];
  let links = 0;
  let sharedByMany = 0;
  for (const id of reportIds) {
    const began = performance.now();
    const found = await listPossibleLinks(id, user);
    samples.push(performance.now() - began);
    links += found.links.length;
    if (found.sharedByMany.length) sharedByMany++;
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return {
    links: links / reportIds.length,
    sharedByMany,
    p50: at(0.5),
    p95: at(0.95),
    max: samples.at(-1)!,
  };
}

await seedBenchReports(target, log);
await seedIdentifiers();
const total = await db.report.count();
const identifiers = await db.reportIdentifier.count();
// Random reports, and reports naming a "hot" address (the worst case: hundreds of matches, one
// in a thousand reports: 1,000 over 1,000,000, 100 over 100,000, so shared by many either way).
const sample = await db.$queryRaw<{ id: string }[]>`
  SELECT id::text FROM "Report" TABLESAMPLE SYSTEM (1) LIMIT 500`;
const hot = await db.$queryRaw<{ id: string }[]>`
  SELECT id::text FROM "Report" WHERE number % 1000 = 0 LIMIT 100`;
const routed = await db.$queryRaw<{ id: string }[]>`
  SELECT r.id::text FROM "Report" r JOIN "Referral" f ON f."reportId" = r.id
  JOIN "Organization" o ON o.id = f."organizationId" AND o.slug = 'kljuc' LIMIT 500`;
const triage = await staff("TRIAGE");
const kljuc = await staff("ORG_STAFF");

console.log(
  `## Linked reports: the lookup over ${total.toLocaleString("en")} reports (${identifiers.toLocaleString("en")} blind indexes)`,
);
console.log();
console.log(
  `The report page's "possibly linked reports" (lib/links/list-links.ts: the report's digests, then for each in parallel at most ${manyReports + 1} other reports sharing it, in the caller's scope, with decisions; a digest shared by more than ${manyReports} is named as shared by many, not listed), one call per report after 20 warm-ups, one process. Target: p95 ≤ 10 ms.`,
);
console.log();
console.log("| caller | reports | links found (mean) | shared by many | p50 | p95 | max |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const [label, user, ids] of [
  ["triage, random reports", triage, sample],
  [
    `triage, reports naming a hot address (hundreds of matches, ${manyReports + 1} read)`,
    triage,
    hot,
  ],
  ["Ključ staff, reports routed to Ključ", kljuc, routed],
] as const) {
  const r = await time(
    user,
    ids.map((row) => row.id),
  );
  console.log(
    `| ${label} | ${ids.length} | ${r.links.toFixed(1)} | ${r.sharedByMany} | ${r.p50.toFixed(2)} ms | ${r.p95.toFixed(2)} ms | ${r.max.toFixed(2)} ms |`,
  );
}
console.log();
// The plan of one per-digest statement, for a hot report's hot digest (the costliest).
const hotDigest = Prisma.sql`(SELECT digest FROM "ReportIdentifier"
  WHERE "reportId" = ${hot[0]!.id}::uuid AND kind = 'web')`;
const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>(
  Prisma.sql`EXPLAIN (ANALYZE, COSTS OFF, BUFFERS OFF)
    SELECT i.kind, i."reportId" FROM "ReportIdentifier" i
    WHERE i.digest = ${hotDigest} AND i."reportId" <> ${hot[0]!.id}::uuid
    ORDER BY i."createdAt" DESC LIMIT ${manyReports + 1}`,
);
console.log("```");
for (const row of plan) console.log(row["QUERY PLAN"]);
console.log("```");
console.log();
await db.$disconnect();
