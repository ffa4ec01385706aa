// `npm test`: every tier, from nothing. Type check, unit tests, then a throwaway PostgreSQL for the
// integration tests, the end-to-end tests (Debian's Chromium against `next start`) and the HTTP
// tests (fuzzing, load, failure and limits against `next start`). After e2e or http, the "leaks"
// check searches the database and every server's log for the clients' address and user agent.
// Pass tier names to run only some: node scripts/test.mjs lint types unit integration e2e http
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startEmbeddedPostgres } from "./lib/local-env.mjs";
import { applyMigrations } from "./lib/migrate.mjs";
import { run } from "./lib/run.mjs";

const allTiers = ["lint", "types", "unit", "integration", "e2e", "http"];
// Anything after "--" goes to the runner of each tier asked for (Playwright or Vitest), e.g.
//   node scripts/test.mjs e2e -- tests/e2e/staff.spec.ts
//   node scripts/test.mjs http -- tests/http/refusals.test.ts
const separator = process.argv.indexOf("--");
const requested = process.argv.slice(2, separator === -1 ? undefined : separator);
const runnerArgs = separator === -1 ? [] : process.argv.slice(separator + 1);
const tiers = requested.length ? requested : allTiers;
const unknown = tiers.filter((tier) => !allTiers.includes(tier));
if (unknown.length) {
  console.error(`unknown tier(s): ${unknown.join(", ")}; choose from ${allTiers.join(", ")}`);
  process.exit(2);
}

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  // Fresh secrets per run: tests never depend on a developer's .data/.
  APP_SECRET: randomBytes(48).toString("base64url"),
  SESSION_SECRET: randomBytes(48).toString("base64url"),
  DATA_ENCRYPTION_KEY: `test:${randomBytes(32).toString("base64")}`,
  // Thousands of submissions come from one address here: the limits are raised for the run, and
  // the tests that prove the limits work set low ones of their own.
  RATE_LIMIT_SUBMISSIONS_PER_HOUR: "1000000",
  RATE_LIMIT_STORED_KB_PER_HOUR: "1000000000",
  // Members' keys with a cheap Argon2id: hundreds of sign-ins run here (the default is 64 MiB).
  KEY_KDF_MEMORY_KIB: process.env.KEY_KDF_MEMORY_KIB ?? "64",
  KEY_KDF_ITERATIONS: process.env.KEY_KDF_ITERATIONS ?? "1",
};
const timings = [];
let database;
let scratch;

async function step(name, fn) {
  const began = Date.now();
  console.log(`\n=== ${name}`);
  await fn();
  timings.push(`${name}: ${((Date.now() - began) / 1000).toFixed(1)} s`);
}

async function ensureDatabase() {
  if (database) return;
  if (process.env.TEST_DATABASE_URL) {
    database = { url: process.env.TEST_DATABASE_URL, stop: async () => {} };
  } else {
    scratch = mkdtempSync(path.join(os.tmpdir(), "prijavi-test-"));
    chmodSync(scratch, 0o711); // reachable by the postgres system user when run as root
    database = await startEmbeddedPostgres({
      databaseDir: path.join(scratch, "postgres"),
      port: await freePort(),
      password: randomBytes(16).toString("hex"),
      database: "prijavi_test",
    });
  }
  env.DATABASE_URL = database.url;
  // Links in mail name the test server by host name: 127.0.0.1 is what the leak check looks for
  // (the clients' address) and must appear nowhere. Mail goes to files in a throwaway folder.
  env.APP_URL = `http://localhost:${process.env.E2E_PORT ?? 3107}`;
  env.MAIL_DIR = path.join(scratch ?? os.tmpdir(), `prijavi-mail-${process.pid}`);
  await applyMigrations(database.url);
}

let built = false;
/** Seeds and builds once for the tiers that run `next start`; their servers log into one folder. */
async function ensureServerBuild() {
  await ensureDatabase();
  if (built) return;
  scratch ??= mkdtempSync(path.join(os.tmpdir(), "prijavi-test-"));
  env.SERVER_LOG_DIR = path.join(scratch, "server-logs");
  mkdirSync(env.SERVER_LOG_DIR, { recursive: true });
  await run("tsx", ["prisma/seed.ts"], { env, label: "seed" });
  // Sealed reports: the form opens only once the police have keys; staff get theirs by grant.
  await run("tsx", ["--conditions=react-server", "tests/support/make-test-keys-cli.ts"], {
    env,
    label: "test keys",
  });
  await run("next", ["build"], { env });
  built = true;
}

let failed = false;
try {
  if (tiers.includes("lint")) {
    // First, and with zero findings: lint, formatting and unused files, exports and dependencies.
    await step("eslint", () => run("eslint", [".", "--max-warnings", "0"], { env }));
    await step("prettier", () => run("prettier", ["--check", "."], { env }));
    await step("knip", () => run("knip", [], { env }));
  }
  if (tiers.includes("types")) await step("type check", () => run("tsc", ["--noEmit"], { env }));
  if (tiers.includes("unit"))
    await step("unit tests", () =>
      run("vitest", ["run", "--project", "unit", ...runnerArgs], { env }),
    );
  if (tiers.includes("integration")) {
    await step("integration tests", async () => {
      await ensureDatabase();
      await run("vitest", ["run", "--project", "integration", ...runnerArgs], { env });
    });
  }
  if (tiers.includes("e2e")) {
    await step("end-to-end tests", async () => {
      await ensureServerBuild();
      await run("playwright", ["test", ...runnerArgs], { env });
    });
  }
  if (tiers.includes("http")) {
    await step("HTTP tests (fuzzing, load, failures, limits)", async () => {
      await ensureServerBuild();
      await run("vitest", ["run", "--project", "http", ...runnerArgs], { env });
    });
  }
  if (built) {
    await step("leak check (database and server logs)", () =>
      run("vitest", ["run", "--project", "leaks"], { env }),
    );
  }
} catch (error) {
  failed = true;
  console.error(`\n${error.message}`);
} finally {
  await database?.stop();
  if (scratch && !process.env.KEEP_TEST_SCRATCH) rmSync(scratch, { recursive: true, force: true });
}

console.log(`\n=== timings\n${timings.join("\n")}`);
process.exit(failed ? 1 : 0);
