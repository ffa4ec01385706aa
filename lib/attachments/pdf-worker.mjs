// The worker thread that reads reporters' PDFs (see pdf-run.ts, which keeps up to two of them with
// a heap limit and stops one that overruns its time, and pdf-scan.mjs for the work). Tasks come one
// at a time; the worker is kept warm because loading pdf-lib costs more CPU than most checks.
import { parentPort } from "node:worker_threads";
import { inspectPdf, rebuildFromImages } from "./pdf-scan.mjs";

// pdf-lib reports every damaged object it skips on the console: lines that are not the app's JSON
// and could quote the file. The answer says all that is needed.
for (const method of ["log", "info", "warn", "error", "debug", "trace"]) console[method] = () => {};

async function run({ task, bytes, images }) {
  if (task === "inspect") return inspectPdf(bytes);
  if (task === "rebuild") return { ok: true, bytes: await rebuildFromImages(images) };
  throw new Error("Unknown task.");
}

parentPort.on("message", ({ id, ...data }) => {
  run(data).then(
    (result) => parentPort.postMessage({ id, result }, result.bytes ? [result.bytes.buffer] : []),
    () => parentPort.postMessage({ id, result: { ok: false } }),
  );
});
