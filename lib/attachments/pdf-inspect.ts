import "server-only";
import { pdfKindsOf, type PdfContentKind } from "./pdf-kinds";
import { runPdfTask } from "./pdf-run";

/**
 * Time for one inspection, by size: parsing is linear in the file (pdf-scan.mjs makes pdf-lib's
 * skipping of junk linear too), and about 1 s per MB for the densest honest document measured (a
 * 2000-page text file, on a busy 2-core machine), far less for scans. A stranger's crafted file
 * costs a worker at most this long, a small one no longer than a few seconds.
 */
const inspectTimeoutMs = (bytes: number) =>
  Math.min(15_000, 2_000 + Math.ceil((1_500 * bytes) / (1024 * 1024)));

export type PdfInspection =
  { ok: true; pageCount: number; activeContent: PdfContentKind[] } | { ok: false };

/**
 * Whether an upload is a PDF that a real parser reads (a catalog with at least one page), and what
 * active content it carries. Runs in the PDF worker; a file that makes the worker fail, run out of
 * memory or time is refused like any unreadable one.
 */
export async function inspectPdf(bytes: Uint8Array): Promise<PdfInspection> {
  // The cheapest refusal first, on this thread: a file without an end marker (truncated, or
  // junk after "%PDF-") never costs a worker's time.
  if (
    !Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      .subarray(-1024)
      .toString("latin1")
      .includes("%%EOF")
  )
    return { ok: false };
  const result = await runPdfTask<{ ok: true; pageCount: unknown; activeContent: unknown }>(
    { task: "inspect", bytes },
    { timeoutMs: inspectTimeoutMs(bytes.byteLength) },
  );
  if (!result.ok || typeof result.pageCount !== "number" || !Array.isArray(result.activeContent))
    return { ok: false };
  return { ok: true, pageCount: result.pageCount, activeContent: pdfKindsOf(result.activeContent) };
}
