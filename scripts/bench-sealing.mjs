// `npm run bench:sealing`: what sealed reports add to the report page and to a submission, on a
// throwaway embedded database (scripts/bench-sealing.ts does the measuring). About a minute.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startEmbeddedPostgres } from "./lib/local-env.mjs";
import { applyMigrations } from "./lib/migrate.mjs";
import { run } from "./lib/run.mjs";

const scratch = mkdtempSync(path.join(os.tmpdir(), "prijavi-bench-sealing-"));
chmodSync(scratch, 0o711); // reachable by the postgres system user when run as root
const database = await startEmbeddedPostgres({
  databaseDir: path.join(scratch, "postgres"),
  port: await freePort(),
  password: randomBytes(16).toString("hex"),
  database: "prijavi_bench",
});
let failed = false;
try {
  await applyMigrations(database.url);
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: database.url,
    APP_SECRET: randomBytes(48).toString("base64url"),
    SESSION_SECRET: randomBytes(48).toString("base64url"),
    DATA_ENCRYPTION_KEY: `bench:${randomBytes(32).toString("base64")}`,
  };
  await run("tsx", ["prisma/seed.ts"], { env, label: "seed" });
  await run("tsx", ["--conditions=react-server", "scripts/bench-sealing.ts"], { env });
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? error.message : error);
} finally {
  await database.stop();
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
