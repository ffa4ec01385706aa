import { spawn } from "node:child_process";
import path from "node:path";
import { root } from "./local-env.mjs";

const bin = (name) => path.join(root, "node_modules", ".bin", name);

/**
 * Runs a project binary (from node_modules/.bin) to completion; rejects on a non-zero exit.
 * `stdout: "stderr"` sends its output to stderr (for scripts whose stdout is their result).
 */
export function run(name, args, { env = process.env, label = name, stdout = "inherit" } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin(name), args, {
      cwd: root,
      env,
      stdio: ["inherit", stdout === "stderr" ? process.stderr : "inherit", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${label} failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

/** Starts a long-running project binary and returns the child process. */
export function start(name, args, { env = process.env } = {}) {
  return spawn(bin(name), args, { cwd: root, env, stdio: "inherit" });
}
