// `npm run bench -- --statistics[=N]` and `--links[=N]`: a data layer over N reports (default
// 1,000,000) in a database of its own, on a throwaway embedded PostgreSQL in the benchmark's
// scratch folder (never .data/ and never the app's database). Seeding and timing run in
// scripts/bench-<name>.ts, which imports the app's own lib/ modules.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { freePort, startEmbeddedPostgres } from "./local-env.mjs";
import { applyMigrations } from "./migrate.mjs";
import { run } from "./run.mjs";

/** Runs scripts/bench-<name>.ts over `count` reports in a separate, throwaway database. */
export async function separateDatabaseBench(name, scratch, count, { log }) {
  log(`${name} over ${count.toLocaleString("en")} reports: starting a separate PostgreSQL`);
  const database = await startEmbeddedPostgres({
    databaseDir: path.join(scratch, `${name}-postgres`),
    port: await freePort(),
    password: randomBytes(18).toString("base64url"),
    database: `prijavi_bench_${name}`,
  });
  try {
    await applyMigrations(database.url);
    await run("tsx", ["--conditions=react-server", `scripts/bench-${name}.ts`, String(count)], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        // No column is decrypted and no key opened, but the app's modules want the secrets.
        APP_SECRET: randomBytes(48).toString("base64url"),
        SESSION_SECRET: randomBytes(48).toString("base64url"),
        DATA_ENCRYPTION_KEY: `bench:${randomBytes(32).toString("base64")}`,
      },
    });
  } finally {
    await database.stop();
  }
}
