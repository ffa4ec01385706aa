import { hasLocale } from "next-intl";
import { getTranslations } from "next-intl/server";
import { makeSafePdfCopy } from "@/lib/attachments/pdf-safe-copy";
import { getAttachmentForStaff } from "@/lib/attachments/store";
import { authorize } from "@/lib/auth/session";
import { routing } from "@/lib/i18n/routing";
import { heldKeysOfRequest } from "@/lib/keys/session-keys";
import { isUuid } from "@/lib/validation/uuid";

// A reporter's file, for staff whose scope includes its report (the scope is in the query). The
// answer is always a download: the browser never renders it in our origin, and never guesses a
// type other than the one found in the bytes. Anyone else gets the same 404 as for a missing file.
//
// A PDF comes, by default, as a safe copy: its pages drawn as pictures and put in a new PDF
// (lib/attachments/pdf-safe-copy.ts). `?copy=original` gives the file as the reporter sent it; the
// report page offers that link only behind a warning, because it may run code when opened.
export async function GET(
  request: Request,
  { params }: { params: Promise<{ locale: string; id: string }> },
) {
  const { locale: requested, id } = await params;
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  const original = new URL(request.url).searchParams.get("copy") === "original";
  const user = await authorize("reports.read.scoped");
  if (!user || !isUuid(id)) return notFound();
  const file = await getAttachmentForStaff(id.toLowerCase(), user, {
    prefer: original ? "original" : "safe",
    keys: await heldKeysOfRequest(),
  });
  if (!file) return notFound();
  if (file.sealed) {
    // Sealed to an organisation key this session does not hold: said plainly, never a 500.
    const t = await getTranslations({ locale, namespace: "SealedReports" });
    return new Response(t("fileSealed"), {
      status: 403,
      headers: { ...commonHeaders, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  if (file.copy === "original") return download(file.bytes, file.mediaType, file.fileName);

  const copy = await makeSafePdfCopy(file.bytes);
  const t = await getTranslations({ locale, namespace: "StaffFiles" });
  if (!copy.ok) {
    // The copy could not be made: staff read why, in their language, with the way to the original.
    const text = copy.reason === "unavailable" ? t("safeCopyUnavailable") : t("safeCopyFailed");
    return new Response(text, {
      status: copy.reason === "unavailable" ? 503 : 422,
      headers: { ...commonHeaders, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const base = file.fileName.replace(/\.pdf$/i, "");
  return download(copy.bytes, "application/pdf", `${t("safeCopyFileName", { name: base })}.pdf`);
}

const commonHeaders = { "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" };

function notFound() {
  return new Response("Not found", {
    status: 404,
    headers: { ...commonHeaders, "Content-Type": "text/plain; charset=utf-8" },
  });
}

function download(bytes: Uint8Array, mediaType: string, fileName: string) {
  return new Response(new Uint8Array(bytes), {
    headers: {
      ...commonHeaders,
      "Content-Type": mediaType,
      "Content-Length": String(bytes.length),
      "Content-Disposition": contentDisposition(fileName),
    },
  });
}

/** RFC 6266: an ASCII fallback name, and the real one (Cyrillic, č, ž…) in filename*. */
function contentDisposition(fileName: string): string {
  const ascii = (text: string) =>
    text
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/["\\;]/g, "_")
      .trim();
  const dot = fileName.lastIndexOf(".");
  const fallback = `${ascii(fileName.slice(0, dot)) || "file"}${ascii(fileName.slice(dot))}`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
