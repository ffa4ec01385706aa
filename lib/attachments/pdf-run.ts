import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { log } from "@/lib/log";

// Reading a PDF is parsing a stranger's program-like file: it happens in a worker thread with its
// own heap limit and a time limit, a couple at a time, so the event loop that answers everyone
// else never waits on it. The worker is plain JavaScript loaded by path from the project root
// (where `next start`, the image and Vitest all run), so no bundler rewrites or relocates it.

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

const withWorkerSlot = createSlots(2);

const workerFile = () => path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "attachments", "pdf-worker.mjs");

/** Heap for one PDF: far above what a real 10 MB document needs, far below what would hurt. */
const resourceLimits = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };

type Task = { task: "inspect"; bytes: Uint8Array } | { task: "rebuild"; images: Uint8Array[] };

/**
 * Runs one task in a fresh worker. Resolves to the worker's answer, or to `{ ok: false }` when the
 * worker ran out of time or memory or failed: a hostile file costs its own task, nothing more.
 */
export async function runPdfTask<T extends { ok: boolean }>(data: Task, { timeoutMs = 15_000 } = {}): Promise<T | { ok: false }> {
  return withWorkerSlot(
    () =>
      new Promise((resolve) => {
        const started = Date.now();
        let settled = false;
        const worker = new Worker(workerFile(), { workerData: data, resourceLimits });
        const finish = (result: T | { ok: false }, outcome?: string) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (outcome) log.warn("pdf.worker_stopped", { task: data.task, outcome, ms: Date.now() - started });
          void worker.terminate();
          resolve(result);
        };
        const timer = setTimeout(() => finish({ ok: false }, "timeout"), timeoutMs);
        worker.once("message", (result: T) => finish(result));
        worker.once("error", (error: Error & { code?: string }) => finish({ ok: false }, error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : "error"));
        worker.once("exit", () => finish({ ok: false }, "exit"));
      }),
  );
}
