// The worker thread that reads reporters' PDFs (see pdf-run.ts, which starts one per task with a
// heap limit and a time limit, and pdf-scan.mjs for the work). One task, one answer, then exit:
// whatever a hostile file did to this thread's memory goes with it.
import { parentPort, workerData } from "node:worker_threads";
import { inspectPdf, rebuildFromImages } from "./pdf-scan.mjs";

// pdf-lib reports every damaged object it skips on the console: lines that are not the app's JSON
// and could quote the file. The answer says all that is needed.
for (const method of ["log", "info", "warn", "error", "debug", "trace"]) console[method] = () => {};

async function run({ task, bytes, images }) {
  if (task === "inspect") return inspectPdf(bytes);
  if (task === "rebuild") return { ok: true, bytes: await rebuildFromImages(images) };
  throw new Error("Unknown task.");
}

run(workerData).then(
  (result) => parentPort.postMessage(result, result.bytes ? [result.bytes.buffer] : []),
  () => parentPort.postMessage({ ok: false }),
);
