import { getTranslations } from "next-intl/server";
import { isActivePdfContent, pdfKindsOf } from "@/lib/attachments/pdf-kinds";
import { isPdfRendererAvailable, safeCopyLimits } from "@/lib/attachments/pdf-safe-copy";

type PdfFile = {
  id: string;
  name: string | null;
  activeContent: string[];
  pageCount: number | null;
};

/**
 * A reporter's PDF on the staff page: the safe copy first (pages drawn as pictures), then the
 * original behind a warning, since it may act when opened and may be evidence. What the parser
 * found is said before either link, so staff know what they are choosing.
 */
export async function PdfFileLinks({ locale, file }: { locale: string; file: PdfFile }) {
  const t = await getTranslations("StaffFiles");
  const canRender = await isPdfRendererAvailable();
  const kinds = pdfKindsOf(file.activeContent);
  const active = kinds.filter(isActivePdfContent);
  const href = `/${locale}/dashboard/files/${file.id}`;
  const list = new Intl.ListFormat(locale, { type: "conjunction" });
  return (
    <div className="mt-2 space-y-2 text-sm">
      {active.length > 0 ? (
        <p
          className="rounded-md border-2 border-red-800 bg-red-50 p-2 font-semibold text-red-900"
          data-testid="pdf-active-content"
        >
          {t("activeContent", {
            kinds: list.format(
              active.map((kind) => t(`kinds.${kind as Exclude<typeof kind, "link">}`)),
            ),
          })}
        </p>
      ) : (
        <p>{file.pageCount === null ? t("notChecked") : t("noActiveContent")}</p>
      )}
      {kinds.includes("link") ? <p>{t("links")}</p> : null}
      {canRender ? (
        <div>
          {/* No download attribute: if the copy cannot be made, the reason shows in the tab. */}
          <a href={href} className="font-semibold" data-testid="pdf-safe-copy">
            {t("safeCopy")}: {file.name}
          </a>
          <p className="text-slate-700">
            {t("safeCopyHint", { maxPages: safeCopyLimits.maxPages })}
          </p>
          {file.pageCount !== null && file.pageCount > safeCopyLimits.maxPages ? (
            <p className="text-slate-700">
              {t("pageCountOver", { count: file.pageCount, maxPages: safeCopyLimits.maxPages })}
            </p>
          ) : null}
        </div>
      ) : (
        <p className="font-semibold">{t("safeCopyUnavailable")}</p>
      )}
      <div className="rounded-md border border-amber-700 bg-amber-50 p-2">
        <p className="text-amber-950">{t("originalWarning")}</p>
        <a
          href={`${href}?copy=original`}
          download
          className="font-semibold"
          data-testid="pdf-original"
        >
          {t("original")}: {file.name}
        </a>
      </div>
    </div>
  );
}
