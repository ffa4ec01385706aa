import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { log } from "@/lib/log";

// Reading a PDF is parsing a stranger's program-like file: it happens in a worker thread with its
// own heap limit and a time limit, two at a time, so the event loop that answers everyone else
// never waits on it. The worker is plain JavaScript loaded by path from the project root (where
// `next start`, the image and Vitest all run), so no bundler rewrites or relocates it.
//
// Workers are kept between tasks (loading pdf-lib costs ~0.2 s of CPU, more than most checks), and
// replaced when a task overruns its time, kills the heap or fails, after a number of tasks, and
// when idle for a minute (their memory goes back).

/** Waits for one of a fixed number of slots; the waiting costs a promise, not a thread. */
export function createSlots(size: number) {
  let busy = 0;
  const waiting: (() => void)[] = [];
  return async function withSlot<T>(work: () => Promise<T>): Promise<T> {
    if (busy >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    else busy++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else busy--;
    }
  };
}

const poolSize = 2;
const tasksPerWorker = 100;
const idleMs = 60_000;
/** Heap for one worker: far above what a real 10 MB document needs, far below what would hurt. */
const resourceLimits = {
  maxOldGenerationSizeMb: 256,
  maxYoungGenerationSizeMb: 32,
  stackSizeMb: 4,
};

/**
 * Added to a task's time when its worker is new: loading pdf-lib takes seconds on a busy machine,
 * and that is not the file's cost (the first PDF after a quiet minute must not be refused for it).
 */
const workerStartMs = 10_000;

const withWorkerSlot = createSlots(poolSize);
const workerFile = () =>
  path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "attachments", "pdf-worker.mjs");

type PooledWorker = { worker: Worker; tasks: number; idle?: ReturnType<typeof setTimeout> };
const idleWorkers: PooledWorker[] = [];
let nextId = 0;

function takeWorker(): PooledWorker {
  const idle = idleWorkers.pop();
  if (idle) {
    clearTimeout(idle.idle);
    return idle;
  }
  const worker = new Worker(workerFile(), { resourceLimits });
  // An idle worker does not keep the process alive (tests, a server shutting down).
  worker.unref();
  const pooled: PooledWorker = { worker, tasks: 0 };
  // A worker that dies while idle must not throw an unhandled "error" in the server, nor be reused.
  worker.on("error", () => {});
  worker.once("exit", () => {
    const index = idleWorkers.indexOf(pooled);
    if (index >= 0) idleWorkers.splice(index, 1);
  });
  return pooled;
}

function returnWorker(pooled: PooledWorker) {
  if (pooled.tasks >= tasksPerWorker) return void pooled.worker.terminate();
  pooled.idle = setTimeout(() => void pooled.worker.terminate(), idleMs);
  pooled.idle.unref();
  idleWorkers.push(pooled);
}

type Task = { task: "inspect"; bytes: Uint8Array } | { task: "rebuild"; images: Uint8Array[] };

/**
 * Runs one task in a worker. Resolves to the worker's answer, or to `{ ok: false }` when the
 * worker ran out of time or memory or failed: a hostile file costs its own task, nothing more.
 */
export async function runPdfTask<T extends { ok: boolean }>(
  data: Task,
  { timeoutMs = 15_000 } = {},
): Promise<T | { ok: false }> {
  return withWorkerSlot(
    () =>
      new Promise((resolve) => {
        const started = Date.now();
        const pooled = takeWorker();
        const { worker } = pooled;
        const id = ++nextId;
        const finish = (result: T | { ok: false }, failure?: string) => {
          clearTimeout(timer);
          worker.off("message", onMessage).off("error", onError).off("exit", onExit);
          if (failure) {
            log.warn("pdf.worker_stopped", {
              task: data.task,
              outcome: failure,
              ms: Date.now() - started,
            });
            void worker.terminate();
          } else {
            pooled.tasks++;
            returnWorker(pooled);
          }
          resolve(result);
        };
        const onMessage = (message: { id: number; result: T }) => {
          if (message.id === id) finish(message.result);
        };
        const onError = (error: Error & { code?: string }) =>
          finish({ ok: false }, error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : "error");
        const onExit = () => finish({ ok: false }, "exit");
        const timer = setTimeout(
          () => finish({ ok: false }, "timeout"),
          timeoutMs + (pooled.tasks === 0 ? workerStartMs : 0),
        );
        worker.on("message", onMessage).on("error", onError).on("exit", onExit);
        worker.postMessage({ id, ...data });
      }),
  );
}
