// npm run seed:reports -- [count=100000]
// Fills the database with synthetic reports (status, urgency, forms and age spread like a busy
// year) for measuring the triage list. Their text is a marked placeholder, not real ciphertext:
// the list shows them, their detail page cannot be opened. Remove them with
// DELETE FROM "Report" WHERE description LIKE 'v1.synthetic.%'. Never run against production.
import { randomBytes } from "node:crypto";
import pg from "pg";

const count = Number(process.argv[2] ?? 100_000);
if (process.env.NODE_ENV === "production")
  throw new Error("seed:reports is for development and benchmarks only.");

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
const started = Date.now();
// One statement: Postgres generates the rows itself, which takes seconds rather than minutes.
await client.query(
  `INSERT INTO "Report" (id, "receiptHash", "submissionId", locale, status, urgency, "urgencyReasons", "suggestedRoute", "routeReasons",
     forms, indicators, region, "whenPeriod", "peopleCount", minors, "immediateDanger", "reporterRole", description, "createdAt")
   SELECT gen_random_uuid(), encode(sha256(($1 || g)::bytea), 'hex'), gen_random_uuid(),
     (ARRAY['sl','en','uk'])[1 + g % 3],
     (ARRAY['NEW','IN_TRIAGE','REFERRED','CLOSED','SPAM'])[1 + (g * 7) % 5]::"ReportStatus",
     (ARRAY['CRITICAL','HIGH','MEDIUM','LOW','LOW','MEDIUM'])[1 + (g * 13) % 6]::"Urgency",
     ARRAY['ongoing'], ARRAY['police'], ARRAY['police.default'],
     ARRAY[(ARRAY['sexual','labour','begging','crime','notSure','childLabour'])[1 + g % 6]], ARRAY[]::text[],
     'unknown', 'unknown', 'one', 'UNKNOWN'::"TriState", 'NO'::"TriState", 'witness',
     'v1.synthetic.AAAAAAAAAAAAAAAA.AAAA', now() - (g || ' minutes')::interval * 5
   FROM generate_series(1, $2::int) AS g`,
  [randomBytes(8).toString("hex"), count],
);
await client.query('ANALYZE "Report"');
console.log(
  `[prijavi] ${count} synthetic reports inserted in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
await client.end();
