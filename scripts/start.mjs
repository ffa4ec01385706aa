// `npm start`: the whole app on one machine with no set-up. Uses DATABASE_URL when set; otherwise
// starts an embedded PostgreSQL under .data/. Then migrates, seeds, builds when the sources
// changed, and serves the production build. `npm run dev` does the same with the dev server.
import "dotenv/config";
import pg from "pg";
import { buildIsStale } from "./lib/build-state.mjs";
import { startLocalDatabase } from "./lib/local-env.mjs";
import { applyMigrations } from "./lib/migrate.mjs";
import { run, start } from "./lib/run.mjs";

const dev = process.argv.includes("--dev");
const began = Date.now();
const say = (message) => console.log(`[prijavi] ${message}`);

process.env.NEXT_TELEMETRY_DISABLED = "1";
const stopDatabase = await startLocalDatabase({ log: say });

try {
  // An external database that is down must not keep the help pages offline: start without
  // migrating; reports are refused with a "try again" message until it is back.
  const unreachable = await databaseUnreachable(process.env.DATABASE_URL);
  if (unreachable) {
    say(
      `cannot reach the database (${unreachable}): starting without migrating or seeding; restart once it is back`,
    );
  } else {
    const applied = await applyMigrations(process.env.DATABASE_URL);
    if (applied.length) say(`applied ${applied.length} migration(s): ${applied.join(", ")}`);
    await run("tsx", ["prisma/seed.ts"], { label: "seed" });
  }
  if (!dev && buildIsStale()) {
    say("building the app (next build)…");
    await run("next", ["build"]);
  }
} catch (error) {
  console.error(`[prijavi] ${error.message}`);
  await stopDatabase();
  process.exit(1);
}

const port = process.env.PORT ?? "3000";
const host = process.env.HOSTNAME ?? "127.0.0.1";
const server = start("next", [dev ? "dev" : "start", "-p", port, "-H", host]);
say(
  `ready in ${((Date.now() - began) / 1000).toFixed(1)} s of set-up: open http://${host}:${port}/`,
);

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  server.kill(signal);
  await new Promise((resolve) =>
    server.exitCode !== null ? resolve() : server.once("exit", resolve),
  );
  await stopDatabase();
  process.exit(0);
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
server.on("exit", async (code) => {
  if (stopping) return;
  await stopDatabase();
  process.exit(code ?? 1);
});

/** Null when the database answers; otherwise the error's code (never the URL: it holds a password). */
async function databaseUnreachable(connectionString) {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return null;
  } catch (error) {
    return error.code ?? error.name ?? "error";
  } finally {
    await client.end().catch(() => {});
  }
}
