import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { root } from "./local-env.mjs";

/** True when there is no production build or a source file is newer than it. */
export function buildIsStale() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const sources = [
    "app",
    "components",
    "lib",
    "messages",
    "public",
    "proxy.ts",
    "instrumentation.ts",
    "next.config.ts",
    "package-lock.json",
  ];
  return sources.some((source) => newestMtime(path.join(root, source)) > builtAt);
}

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(target).reduce(
    (newest, entry) => Math.max(newest, newestMtime(path.join(target, entry))),
    stats.mtimeMs,
  );
}
