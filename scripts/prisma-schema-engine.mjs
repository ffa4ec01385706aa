#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, for machines where the CLI cannot
// download it. Point PRISMA_SCHEMA_ENGINE_BINARY at this file. The Prisma CLI spawns it
// exactly like the native engine (`--datamodels <file>… --datasource <json>` then JSON-RPC
// over stdio, or `… cli <subcommand>`), and each RPC is handed to @prisma/schema-engine-wasm,
// which talks to PostgreSQL through @prisma/adapter-pg.
// Versions must match: prisma, @prisma/adapter-pg and @prisma/schema-engine-wasm of one release.
// stdout carries JSON-RPC only; every log goes to stderr as the JSON lines the CLI parses.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import util from "node:util";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const wasmDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
// adapter-pg's own copies, so that pg and the adapter utils are the ones it was built against.
const adapterRequire = createRequire(require.resolve("@prisma/adapter-pg"));

const log = (level, message, fields = {}) =>
  process.stderr.write(
    JSON.stringify({
      timestamp: new Date().toISOString(),
      level,
      fields: { message, ...fields },
      target: "schema_engine::logger",
    }) + "\n",
  );
// Exit only once stdout/stderr are flushed (pipes are asynchronous on some platforms).
const exit = (code) =>
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
// A stray console.log from a dependency would corrupt the JSON-RPC stream.
console.log = console.info = console.debug = (...a) => log("INFO", util.format(...a));
console.warn = console.error = (...a) => log("WARN", util.format(...a));

// ---- command line, as the native engine parses it ----
const args = process.argv.slice(2);
const datamodelPaths = [];
let datasource = {};
let cliCommand = null;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--version" || a === "-V") {
    // The CLI shows this in `prisma version`; the hash is the engines commit this wasm build is from.
    const { version } = JSON.parse(fs.readFileSync(path.join(wasmDir, "package.json"), "utf8"));
    process.stdout.write(`schema-engine-cli ${version.split(".").pop()}\n`);
    exit(0);
    await new Promise(() => {}); // wait for exit()
  } else if (a === "--datamodels" || a === "-d") datamodelPaths.push(args[++i]);
  else if (a === "--datasource") datasource = JSON.parse(args[++i]);
  else if (a === "--enabled-preview-features" || a === "--extension-types")
    i++; // not used by the wasm engine
  else if (a === "cli") {
    cliCommand = args[++i];
    break;
  }
}

// ---- PostgreSQL helpers (pg directly, for what the wasm engine has no method for) ----
const pg = adapterRequire("pg");
const mainUrl = datasource.url;
// pg lets `connectionString` override a separate `database` option, so switch databases in the URL.
const withDb = (url, db) => {
  const u = new URL(url);
  u.pathname = "/" + encodeURIComponent(db);
  return u.href;
};
const dbName = (url) => decodeURIComponent(new URL(url).pathname.slice(1)) || "postgres";
const quoteIdent = (s) => '"' + s.replace(/"/g, '""') + '"';
const hostOf = (url) => {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}`;
};

async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

// Errors a `cli` subcommand reports the way the native engine does (the CLI matches on P1003).
function connectorError(e, url) {
  const u = new URL(url);
  if (e.code === "3D000")
    return {
      error_code: "P1003",
      message: `Database \`${dbName(url)}\` does not exist on the database server at \`${hostOf(url)}\`.`,
    };
  if (e.code === "28P01" || e.code === "28000")
    return {
      error_code: "P1000",
      message: `Authentication failed against database server, the provided database credentials for \`${decodeURIComponent(u.username)}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at the configured address.`,
    };
  if (e.code === "42P04")
    return {
      error_code: "P1009",
      message: `Database \`${dbName(url)}\` already exists on the database server at \`${hostOf(url)}\``,
    };
  if (["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT"].includes(e.code))
    return {
      error_code: "P1001",
      message: `Can't reach database server at \`${hostOf(url)}\`\n\nPlease make sure your database server is running at \`${hostOf(url)}\`.`,
    };
  return { error_code: /^P\d{4}$/.test(e.code) ? e.code : "", message: e.message };
}

async function createDatabase(url) {
  await withClient(withDb(url, "postgres"), (c) =>
    c.query(`CREATE DATABASE ${quoteIdent(dbName(url))}`),
  );
  return dbName(url);
}

async function dropDatabase(adminUrl, name) {
  await withClient(adminUrl, async (c) => {
    try {
      await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    } catch (e) {
      if (e.code !== "42601") throw e; // WITH (FORCE) needs PostgreSQL 13+
      await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
    }
  });
}

if (cliCommand) {
  log("INFO", "Starting schema engine CLI"); // the CLI skips the first stderr line
  try {
    if (!mainUrl)
      throw Object.assign(
        new Error("The datasource URL is missing (datasource.url in prisma.config.ts)."),
        { code: "P1012" },
      );
    let msg;
    if (cliCommand === "can-connect-to-database") {
      await withClient(mainUrl, (c) => c.query("SELECT 1"));
      msg = "Connection successful";
    } else if (cliCommand === "create-database")
      msg = `Database '${await createDatabase(mainUrl)}' was successfully created.`;
    else if (cliCommand === "drop-database") {
      await dropDatabase(withDb(mainUrl, "postgres"), dbName(mainUrl));
      msg = "The database was successfully dropped.";
    } else throw new Error(`Unknown cli subcommand: ${cliCommand}`);
    log("INFO", msg);
    exit(0);
  } catch (e) {
    const { error_code, message } = connectorError(e, mainUrl || "postgresql://localhost");
    log("ERROR", message, { is_panic: false, error_code });
    exit(1);
  }
  await new Promise(() => {}); // wait for exit()
}

// ---- driver adapter ----
const { PrismaPg } = require("@prisma/adapter-pg");
const { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } = adapterRequire(
  "@prisma/driver-adapter-utils",
);

function pgConfig(url) {
  const schema = new URL(url).searchParams.get("schema");
  // Prisma's `?schema=` means search_path for the native engine; pg only knows `options`.
  return {
    config: {
      connectionString: url,
      ...(schema && { options: `-c search_path=${quoteIdent(schema)}` }),
    },
    options: schema ? { schema } : undefined,
  };
}

const PATCHED = Symbol("patched");
async function connect(url) {
  const { config, options } = pgConfig(url);
  const adapter = await new PrismaPg(config, options).connect();
  // adapter-pg rejects Postgres' internal one-byte `"char"` type (oid 18), which the engine's
  // catalog queries select (relkind, contype, …). pg hands its value over as a one-letter string;
  // it is read here as text and given to the engine as the Character column type it expects (a
  // Text column there makes the engine trap, e.g. on a table with a CHECK constraint).
  const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter));
  if (typeof queryable.performIO !== "function" || typeof queryable.queryRaw !== "function") {
    log("WARN", 'adapter-pg internals changed: "char" columns stay unsupported');
  } else if (!queryable[PATCHED]) {
    const charColumns = new WeakMap(); // query → indices of its "char" columns
    const performIO = queryable.performIO;
    queryable.performIO = async function (query) {
      const result = await performIO.call(this, query);
      const found = [];
      result?.fields?.forEach((f, i) => {
        if (f.dataTypeID === 18) {
          f.dataTypeID = 25;
          found.push(i);
        }
      });
      if (found.length && query && typeof query === "object") charColumns.set(query, found);
      return result;
    };
    const queryRaw = queryable.queryRaw;
    queryable.queryRaw = async function (query) {
      const result = await queryRaw.call(this, query);
      for (const i of charColumns.get(query) ?? [])
        result.columnTypes[i] = ColumnTypeEnum.Character;
      return result;
    };
    queryable[PATCHED] = true;
  }
  // adapter-pg splits scripts on every `;` (breaking literals and $$ bodies); the native engine
  // sends a migration as one simple-protocol batch, which pg can do too.
  adapter.executeScript = async (script) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (e) {
      adapter.onError(e);
    }
  };
  return adapter;
}

// Shadow databases: adapter-pg's own connectToShadowDb ends up on the main database (the URL wins
// over its `database` option) and drops before closing its pool, so it is replaced here.
const liveShadows = new Set();
async function connectToShadowDb() {
  if (datasource.shadowDatabaseUrl) {
    // A user-provided shadow database is emptied first, as the native engine does.
    const url = datasource.shadowDatabaseUrl;
    const schema = new URL(url).searchParams.get("schema") || "public";
    await withClient(url, (c) =>
      c.query(
        `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE; CREATE SCHEMA ${quoteIdent(schema)}`,
      ),
    );
    return connect(url);
  }
  const name = `${dbName(mainUrl).slice(0, 40)}_shadow_${randomBytes(6).toString("hex")}`;
  await withClient(mainUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  log("INFO", `Created shadow database ${name}`);
  const adapter = await connect(withDb(mainUrl, name));
  const closePool = adapter.dispose.bind(adapter);
  let disposed = false;
  const shadow = {
    name,
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      liveShadows.delete(shadow);
      // Close our connections first, or DROP DATABASE fails; don't wait forever on a leaked one.
      await Promise.race([
        closePool().catch(() => {}),
        new Promise((r) => setTimeout(r, 5000).unref()),
      ]);
      await dropDatabase(mainUrl, name);
      log("INFO", `Dropped shadow database ${name}`);
    },
  };
  adapter.dispose = shadow.dispose;
  liveShadows.add(shadow);
  return adapter;
}
const disposeShadows = () =>
  Promise.all(
    [...liveShadows].map((s) =>
      s
        .dispose()
        .catch((e) => log("WARN", `Could not drop shadow database ${s.name}: ${e.message}`)),
    ),
  );

// ---- wasm engine ----
// Node 20 cannot `import` a .wasm file, so the glue gets a hand-instantiated module.
globalThis.PRISMA_WASM_PANIC_REGISTRY = {
  // the glue reports panic messages here
  message: "",
  get() {
    return this.message;
  },
  set_message(m) {
    this.message = `RuntimeError: ${m}`;
  },
};
const factory = bindMigrationAwareSqlAdapterFactory({
  provider: "postgres",
  adapterName: "@prisma/adapter-pg",
  connect: () => connect(mainUrl),
  connectToShadowDb,
});
let enginePromise;
function getEngine() {
  return (enginePromise ??= (async () => {
    if (!mainUrl)
      throw Object.assign(
        new Error("The datasource URL is missing (datasource.url in prisma.config.ts)."),
        { code: "P1012" },
      );
    const bg = await import(pathToFileURL(path.join(wasmDir, "schema_engine_bg.js")).href);
    const { instance } = await WebAssembly.instantiate(
      fs.readFileSync(path.join(wasmDir, "schema_engine_bg.wasm")),
      { "./schema_engine_bg.js": bg },
    );
    bg.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    const datamodels = datamodelPaths.length
      ? datamodelPaths.map((p) => [p, fs.readFileSync(p, "utf8")])
      : undefined;
    // The engine logs tracing JSON lines, the same format the native binary writes to stderr.
    const engine = await bg.SchemaEngine.new(
      { datamodels },
      (line) => process.stderr.write(String(line).trimEnd() + "\n"),
      factory,
    );
    return engine;
  })());
}

// The user-facing error shape the native engine puts in a JSON-RPC error's `data`.
function toErrorData(e) {
  if (typeof e?.code === "string" && /^P\d{4}$/.test(e.code))
    return { is_panic: false, message: e.message, meta: e.meta ?? {}, error_code: e.code };
  let message = e?.message ?? String(e);
  // An exception thrown inside the JS adapter stays in its registry; the engine only names its id.
  const id = /External error id#(\d+)/.exec(message)?.[1];
  const original =
    id !== undefined ? factory.errorRegistry.consumeError(Number(id))?.error : undefined;
  if (original)
    message = message.replace(
      /External error id#\d+/,
      (m) => `${m}: ${original.message ?? original}`,
    );
  return { is_panic: false, message, backtrace: null };
}

// ---- JSON-RPC over stdio ----
const send = (msg) => process.stdout.write(JSON.stringify(msg) + "\n");
const sendError = (id, data) =>
  send({
    jsonrpc: "2.0",
    id,
    error: { code: 4466, message: "An error happened. Check the data field for details.", data },
  });
const pendingCalls = new Map();
let nextCallId = 1;
const callClient = (method, params) =>
  new Promise((resolve) => {
    const id = nextCallId++;
    pendingCalls.set(id, resolve);
    send({ jsonrpc: "2.0", id, method, params });
  });

const methods = {
  getDatabaseVersion: (e, p) => e.version(p ?? null),
  debugPanic: async (e) => e.debugPanic(),
  createDatabase: async (_e, p) => ({
    databaseName: await createDatabase(p?.datasource?.url ?? mainUrl),
  }),
  // The native engine prints the diff through a `print` request to the CLI, which writes it out.
  diff: async (e, p) => {
    const { stdout, ...rest } = await e.diff(p);
    if (stdout) await callClient("print", { content: stdout.replace(/\n$/, "") });
    return { ...rest, stdout: null };
  },
};
for (const m of [
  "applyMigrations",
  "createMigration",
  "dbExecute",
  "devDiagnostic",
  "diagnoseMigrationHistory",
  "ensureConnectionValidity",
  "evaluateDataLoss",
  "introspect",
  "introspectSql",
  "markMigrationApplied",
  "markMigrationRolledBack",
  "reset",
  "schemaPush",
])
  methods[m] ??= (e, p) => e[m](p);
// evaluateDataLoss/createMigration get no adapter factory in the wasm engine: they rely on the
// shadow-database schema that devDiagnostic cached. When devDiagnostic had no need to compute it
// (migrate dev right after applying pending migrations) they fail before touching anything, so
// let diagnoseMigrationHistory, which may use the shadow database, fill the cache and retry.
for (const m of ["evaluateDataLoss", "createMigration"]) {
  methods[m] = async (e, p) => {
    try {
      return await e[m](p);
    } catch (err) {
      if (!/shadow DB must be provided through an external factory/.test(err?.message)) throw err;
      await e.diagnoseMigrationHistory({
        migrationsList: p.migrationsList,
        optInToShadowDatabase: true,
        filters: p.filters,
      });
      return await e[m](p);
    }
  };
}

let queue = Promise.resolve(); // one request at a time, like the engine's single connector state
let current = null;
function handleRequest({ id, method, params }) {
  queue = queue.then(async () => {
    current = id;
    try {
      if (!methods[method])
        throw Object.assign(new Error(`Method not found: ${method}`), { rpcCode: -32601 });
      const result = await methods[method](await getEngine(), params);
      await disposeShadows(); // before answering: the CLI kills the engine as soon as it is done
      send({ jsonrpc: "2.0", id, result: result ?? {} });
    } catch (e) {
      await disposeShadows();
      log("DEBUG", `${method} failed: ${util.inspect(e, { depth: 4 })}`);
      if (e?.name === "RuntimeError") {
        // A wasm panic leaves the instance unusable. Like the native engine: log it and exit 101,
        // which the CLI turns into its panic report.
        log("ERROR", globalThis.PRISMA_WASM_PANIC_REGISTRY.get() || e.message, {
          is_panic: true,
          backtrace: e.stack,
        });
        return exit(101);
      }
      if (e.rpcCode) send({ jsonrpc: "2.0", id, error: { code: e.rpcCode, message: e.message } });
      else sendError(id, toErrorData(e));
    } finally {
      current = null;
    }
  });
}

// Some engine failures (e.g. params it cannot deserialize) are thrown from a wasm callback
// instead of rejecting the call, which then never settles: answer for it and stop, as a crash.
process.on("uncaughtException", (e) => {
  log("ERROR", e?.message ?? String(e), { is_panic: false });
  if (current !== null)
    sendError(current, { is_panic: false, message: e?.message ?? String(e), backtrace: null });
  disposeShadows().finally(() => exit(1));
});

async function shutdown(code) {
  await queue.catch(() => {});
  await disposeShadows();
  exit(code);
}
// The CLI sends SIGTERM right after closing stdin; Ctrl+C may interrupt a command mid-way.
process.on("SIGTERM", () => {
  disposeShadows().finally(() => exit(0));
});
process.on("SIGINT", () => {
  disposeShadows().finally(() => exit(130));
});

readline
  .createInterface({ input: process.stdin, crlfDelay: Infinity })
  .on("line", (line) => {
    if (!line.trim()) return;
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      return send({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
    }
    if (msg.method !== undefined) {
      if (msg.id !== undefined) handleRequest(msg);
    } // notifications need no answer
    else if (pendingCalls.has(msg.id)) {
      pendingCalls.get(msg.id)(msg);
      pendingCalls.delete(msg.id);
    }
  })
  .on("close", () => shutdown(0));
