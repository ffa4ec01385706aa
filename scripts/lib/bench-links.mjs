// `npm run bench -- --links[=N]`: the linked-reports lookup over N reports (default 1,000,000) in
// a database of its own, on a throwaway embedded PostgreSQL in the benchmark's scratch folder
// (never .data/ and never the app's database). Seeding and timing run in scripts/bench-links.ts,
// which imports the app's own lib/links.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { freePort, startEmbeddedPostgres } from "./local-env.mjs";
import { applyMigrations } from "./migrate.mjs";
import { run } from "./run.mjs";

export async function linksBench(scratch, count, { log }) {
  log(`links over ${count.toLocaleString("en")} reports: starting a separate PostgreSQL`);
  const database = await startEmbeddedPostgres({
    databaseDir: path.join(scratch, "links-postgres"),
    port: await freePort(),
    password: randomBytes(18).toString("base64url"),
    database: "prijavi_bench_links",
  });
  try {
    await applyMigrations(database.url);
    await run("tsx", ["--conditions=react-server", "scripts/bench-links.ts", String(count)], {
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
