// `npm start`: the whole app on one machine with no set-up. Uses DATABASE_URL when set; otherwise
// starts an embedded PostgreSQL under .data/. Then migrates, seeds, builds when the sources
// changed, and serves the production build. `npm run dev` does the same with the dev server.
import "dotenv/config";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { root, useLocalDatabase } from "./lib/local-env.mjs";
import { run, start } from "./lib/run.mjs";

const dev = process.argv.includes("--dev");
const began = Date.now();
const say = (message) => console.log(`[prijavi] ${message}`);

process.env.NEXT_TELEMETRY_DISABLED = "1";
const stopDatabase = await useLocalDatabase({ log: say });

try {
  await run("prisma", ["migrate", "deploy"], { label: "prisma migrate deploy" });
  await run("tsx", ["prisma/seed.ts"], { label: "seed" });
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
say(`ready in ${((Date.now() - began) / 1000).toFixed(1)} s of set-up: open http://${host}:${port}/`);

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  server.kill(signal);
  await new Promise((resolve) => (server.exitCode !== null ? resolve() : server.once("exit", resolve)));
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

/** True when there is no production build or a source file is newer than it. */
function buildIsStale() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib", "messages", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "package-lock.json"];
  return sources.some((source) => newestMtime(path.join(root, source)) > builtAt);
}

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(target).reduce((newest, entry) => Math.max(newest, newestMtime(path.join(target, entry))), stats.mtimeMs);
}
