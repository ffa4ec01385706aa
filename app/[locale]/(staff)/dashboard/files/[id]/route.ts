import { getAttachmentForStaff } from "@/lib/attachments/store";
import { authorize } from "@/lib/auth/session";
import { isUuid } from "@/lib/validation/uuid";

// A reporter's file, for staff whose scope includes its report (the scope is in the query). The
// answer is always a download: the browser never renders it in our origin, and never guesses a
// type other than the one found in the bytes. Anyone else gets the same 404 as for a missing file.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await authorize("reports.read.scoped");
  const file = user && isUuid(id) ? await getAttachmentForStaff(id.toLowerCase(), user) : null;
  if (!file) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": contentDisposition(file.fileName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}

/** RFC 6266: an ASCII fallback name, and the real one (Cyrillic, č, ž…) in filename*. */
function contentDisposition(fileName: string): string {
  const ascii = (text: string) => text.normalize("NFKD").replace(/[^\x20-\x7e]/g, "").replace(/["\\;]/g, "_").trim();
  const dot = fileName.lastIndexOf(".");
  const fallback = `${ascii(fileName.slice(0, dot)) || "file"}${ascii(fileName.slice(dot))}`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
