import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

/** `pid` is the launcher's (tests/support/serve-logged.mjs); the server runs beneath it (see serverMemory). */
export type TestServer = { url: string; port: number; pid: number; stop: () => Promise<void> };

/**
 * `next start` on the build scripts/test.mjs made, on a free loopback port, with extra settings.
 * Its output goes to SERVER_LOG_DIR/<name>.log (searched by tests/leaks at the end).
 */
export async function startNextServer(
  name: string,
  env: Record<string, string | undefined> = {},
): Promise<TestServer> {
  const { child, port } = await spawnNextServer(name, env);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilServing(url, child);
  return { url, port, pid: child.pid!, stop: () => stop(child) };
}

/** `next start` without waiting for it; output to SERVER_LOG_DIR/<name>.log, returned as `logFile`. */
export async function spawnNextServer(name: string, env: Record<string, string | undefined> = {}) {
  const port = await freePort();
  const logFile = path.join(
    process.env.SERVER_LOG_DIR ?? path.join(root, "test-results", "server-logs"),
    `${name}.log`,
  );
  const child = spawn(
    process.execPath,
    [
      path.join(root, "tests/support/serve-logged.mjs"),
      logFile,
      path.join(root, "node_modules/.bin/next"),
      "start",
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
    ],
    { cwd: root, env: { ...process.env, ...env }, stdio: "ignore" },
  );
  return { child, port, logFile };
}

async function waitUntilServing(url: string, child: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      // Any answer will do: with the database down, health is 503 and the server is still up.
      await fetch(`${url}/api/health`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  child.kill("SIGKILL");
  throw new Error("next start did not answer within 60 s");
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
