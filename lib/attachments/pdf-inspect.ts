import "server-only";
import { pdfKindsOf, type PdfContentKind } from "./pdf-kinds";
import { runPdfTask } from "./pdf-run";

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
  const result = await runPdfTask<{ ok: true; pageCount: unknown; activeContent: unknown }>({
    task: "inspect",
    bytes,
  });
  if (!result.ok || typeof result.pageCount !== "number" || !Array.isArray(result.activeContent))
    return { ok: false };
  return { ok: true, pageCount: result.pageCount, activeContent: pdfKindsOf(result.activeContent) };
}
