import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { workLimits } from "@/lib/config";
import { describeError, log } from "@/lib/log";

// Decoding a photo costs memory by its pixels and CPU by its size and its codec. The pixel cap
// (prepare.ts) bounds one decode; this bounds how many run at once, and how long one may take.
// sharp already works off the event loop (libvips threads); HEIC goes to a worker thread here.

/** Refused for the work it would take (time or memory), not for being damaged. */
export class ImageTooHeavy extends Error {
  override name = "ImageTooHeavy";
}

type Queue = { running: number; waiting: (() => void)[] };
// One queue for the process: Next.js may load this module more than once (one copy per route).
const queue: Queue = ((globalThis as { [key: symbol]: Queue })[Symbol.for("prijavi.imageWork")] ??=
  { running: 0, waiting: [] });

/** Runs `work` when fewer than IMAGE_WORKERS images are being worked on; the others wait their turn. */
export async function withImageSlot<T>(work: () => Promise<T>): Promise<T> {
  if (queue.running < workLimits.imageWorkers()) queue.running++;
  else await new Promise<void>((resolve) => queue.waiting.push(resolve));
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, so `running` never undercounts.
    const next = queue.waiting.shift();
    if (next) next();
    else queue.running--;
  }
}

export type DecodedImage = { width: number; height: number; data: Uint8Array };

// Resolved at run time from the project folder (`next start` and Vitest run there; the Docker image
// copies it whole), so the bundler neither follows nor rewrites it.
const workerFile = () =>
  path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "attachments", "heic-worker.mjs");

// Each worker decodes one file and is ended: WebAssembly memory never shrinks, so a worker kept
// after a 48 MP photo would hold ~600 MB, and no file can leave state behind for the next. One
// worker is started ahead (libheif takes longer to load than a photo to decode) and ended when
// not used for a minute.
type Spare = { worker: Worker; alive: boolean; idle: NodeJS.Timeout };
const spares: { current: Spare | null } = ((
  globalThis as { [key: symbol]: { current: Spare | null } }
)[Symbol.for("prijavi.heicSpare")] ??= { current: null });

function startWorker(): Spare {
  const worker = new Worker(workerFile(), {
    // Its V8 heap is limited; libheif's WebAssembly memory cannot be (V8 has no such limit), which
    // is why the pixel cap is checked from the headers first and a worker only sees files within it.
    resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    stdout: true,
    stderr: true,
  });
  worker.unref();
  const spare: Spare = {
    worker,
    alive: true,
    idle: setTimeout(() => void worker.terminate(), 60_000).unref(),
  };
  worker.once("exit", () => {
    spare.alive = false;
    if (spares.current === spare) spares.current = null;
  });
  worker.on("error", () => {}); // reported through "exit" (and to a job through its own listener)
  return spare;
}

function takeWorker(): Worker {
  const spare = spares.current?.alive ? spares.current : startWorker();
  clearTimeout(spare.idle);
  spares.current = startWorker();
  return spare.worker;
}

/** Decodes HEIC/HEIF to RGBA in a thread of its own, ended after IMAGE_DECODE_SECONDS. */
export function decodeHeicInWorker(bytes: Buffer): Promise<DecodedImage> {
  return new Promise((resolve, reject) => {
    const worker = takeWorker();
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () => settle(() => reject(new ImageTooHeavy("decoding took too long"))),
      workLimits.imageDecodeSeconds() * 1000,
    );
    worker.once(
      "message",
      (message: { ok: true; width: number; height: number; data: Uint8Array } | { ok: false }) =>
        settle(() =>
          message.ok
            ? resolve({ width: message.width, height: message.height, data: message.data })
            : reject(new Error("not decodable")),
        ),
    );
    worker.once("error", (error: Error & { code?: string }) =>
      settle(() => {
        if (error.code === "ERR_WORKER_OUT_OF_MEMORY")
          return reject(new ImageTooHeavy("out of memory"));
        // Not the file's doing (it is answered in a message): the worker itself could not run.
        log.error("heic.worker.failed", describeError(error));
        reject(new Error("decoder failed"));
      }),
    );
    worker.once("exit", () => settle(() => reject(new Error("decoder exited"))));
    worker.postMessage(bytes);
  });
}
