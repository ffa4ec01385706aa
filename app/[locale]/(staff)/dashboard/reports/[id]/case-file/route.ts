import { authorize } from "@/lib/auth/session";
import { exportCaseFile } from "@/lib/export/case-file";
import { heldKeysOfRequest } from "@/lib/keys/session-keys";
import { supportedLocale } from "@/lib/i18n/routing";
import { isUuid } from "@/lib/validation/uuid";

// The case file of one report as a PDF download, in the caller's language. A report outside the
// caller's scope, or a caller without the permission, gets the same 404 as a report that does
// not exist. Never cached: it holds everything the report says.
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ locale: string; id: string }> },
) {
  const { locale, id } = await params;
  const user = await authorize("reports.export");
  const file =
    user && isUuid(id)
      ? await exportCaseFile(
          id.toLowerCase(),
          user,
          supportedLocale(locale),
          await heldKeysOfRequest(),
        )
      : null;
  if (!file) {
    return new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": `attachment; filename="${file.reference}.pdf"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
