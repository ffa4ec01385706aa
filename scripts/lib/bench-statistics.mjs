// `npm run bench -- --statistics[=N]`: the statistics page's data layer over N reports (default
// 1,000,000) in a database of its own, on a throwaway embedded PostgreSQL in the benchmark's
// scratch folder (never .data/ and never the app's database). Seeding and timing run in
// scripts/bench-statistics.ts, which imports the app's own lib/statistics.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { freePort, startEmbeddedPostgres } from "./local-env.mjs";
import { applyMigrations } from "./migrate.mjs";
import { run } from "./run.mjs";

export async function statisticsBench(scratch, count, { log }) {
  log(`statistics over ${count.toLocaleString("en")} reports: starting a separate PostgreSQL`);
  const database = await startEmbeddedPostgres({
    databaseDir: path.join(scratch, "statistics-postgres"),
    port: await freePort(),
    password: randomBytes(18).toString("base64url"),
    database: "prijavi_bench_statistics",
  });
  try {
    await applyMigrations(database.url);
    await run("tsx", ["--conditions=react-server", "scripts/bench-statistics.ts", String(count)], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        // The data key is never used (no column is decrypted), but the app's modules want one.
        APP_SECRET: randomBytes(48).toString("base64url"),
        SESSION_SECRET: randomBytes(48).toString("base64url"),
        DATA_ENCRYPTION_KEY: `bench:${randomBytes(32).toString("base64")}`,
      },
    });
  } finally {
    await database.stop();
  }
}
