// The synthetic reports of the database benches (npm run bench -- --statistics / --links), in
// their own throwaway database: only plaintext columns vary; every encrypted column that must be
// filled holds the same dummy text of a typical ciphertext's length (600 bytes).
import { db } from "@/lib/db";
import { seedOrganizations } from "@/prisma/seed";

const batch = 100_000;

const regions = `ARRAY['osrednjeslovenska','podravska','savinjska','gorenjska','obalnoKraska','goriska','jugovzhodna','pomurska','koroska','posavska','zasavska','primorskoNotranjska','abroad','unknown']`;
const forms = `ARRAY['sexual','labour','crime','begging','slavery','domesticServitude','organs','notSure','childSexual','childLabour']`;
const roles = `ARRAY['self','witness','relative','professional','other']`;

/**
 * Seeds reports up to `target` (three years of them, states and answers spread as a busy service's)
 * and their referrals, with SQL generate_series; shared by the statistics and links benches.
 */
export async function seedBenchReports(target: number, log: (message: string) => void) {
  await seedOrganizations(db as never);
  let have = await db.report.count();
  while (have < target) {
    const n = Math.min(batch, target - have);
    const began = performance.now();
    // Three years of reports; most looked at within two days, some referred, some closed.
    await db.$executeRawUnsafe(`
      INSERT INTO "Report" (id, "receiptHash", "submissionId", locale, status, urgency, "urgencyReasons",
        "suggestedRoute", "routeReasons", forms, indicators, region, "whenPeriod", "peopleCount", minors,
        "immediateDanger", "reporterRole", description, "createdAt", "firstSeenAt", "closedAt")
      SELECT gen_random_uuid(), encode(sha256(('bench-statistics-' || (${have} + g))::bytea), 'hex'), gen_random_uuid(),
        (ARRAY['sl','sl','uk','en'])[1 + (g % 4)],
        st::"ReportStatus", (ARRAY['CRITICAL','HIGH','MEDIUM','LOW'])[1 + (g % 4)]::"Urgency", '{}', '{}', '{}',
        CASE WHEN g % 5 = 0 THEN ARRAY[(${forms})[1 + (g % 10)], 'labour'] ELSE ARRAY[(${forms})[1 + (g % 10)]] END,
        '{}', (${regions})[1 + floor(random() * 14)::int], 'unknown', 'one',
        (ARRAY['YES','NO','NO','UNKNOWN'])[1 + floor(random() * 4)::int]::"TriState", 'NO',
        (${roles})[1 + floor(random() * 5)::int], 'bench:' || repeat('0', 600), c,
        CASE WHEN st <> 'NEW' THEN c + random() * interval '48 hours' END,
        CASE WHEN st = 'CLOSED' THEN c + random() * interval '90 days' END
      FROM (SELECT g, now() - random() * interval '1095 days' AS c,
              (CASE width_bucket(random(), ARRAY[0.05, 0.10, 0.45, 0.95]::float8[])
                 WHEN 0 THEN 'NEW' WHEN 1 THEN 'IN_TRIAGE' WHEN 2 THEN 'REFERRED' WHEN 3 THEN 'CLOSED' ELSE 'SPAM' END) AS st
            FROM generate_series(1, ${n}) g) s`);
    have += n;
    log(
      `seeded ${have.toLocaleString("en")} reports (${((performance.now() - began) / 1000).toFixed(1)} s for this batch)`,
    );
  }
  if ((await db.referral.count()) === 0) {
    const began = performance.now();
    const orgs = (
      await db.organization.findMany({ select: { id: true }, orderBy: { slug: "asc" } })
    ).map((o) => o.id);
    const list = `ARRAY[${orgs.map((id) => `'${id}'::uuid`).join(",")}]`;
    // One referral per referred or closed report, a second for every fifth.
    for (const second of [false, true])
      await db.$executeRawUnsafe(`
        INSERT INTO "Referral" (id, "reportId", "organizationId", "routedById", "createdAt", "acknowledgedAt", "closedAt", outcome)
        SELECT gen_random_uuid(), r.id, (${list})[1 + ((r.number + ${second ? 1 : 0}) % ${orgs.length})], gen_random_uuid(), a,
          CASE WHEN random() < 0.9 THEN a + random() * interval '30 hours' END,
          CASE WHEN r.status = 'CLOSED' THEN r."closedAt" END,
          CASE WHEN r.status = 'CLOSED' THEN (ARRAY['ASSISTED','REFERRED_ON','NO_CONTACT','NOT_TRAFFICKING'])[1 + (r.number % 4)]::"ReferralOutcome" END
        FROM (SELECT r.*, coalesce(r."firstSeenAt", r."createdAt") + interval '1 hour' AS a FROM "Report" r
              WHERE r.status IN ('REFERRED','CLOSED') ${second ? "AND r.number % 5 = 0" : ""}) r`);
    log(
      `seeded ${(await db.referral.count()).toLocaleString("en")} referrals (${((performance.now() - began) / 1000).toFixed(1)} s)`,
    );
  }
  await db.$executeRawUnsafe(`VACUUM (ANALYZE) "Report"`);
  await db.$executeRawUnsafe(`VACUUM (ANALYZE) "Referral"`);
}
