import { getTranslations } from "next-intl/server";
import { getPathname } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";

// A plain link: the download works without JavaScript, and the route checks the caller itself.
export async function CaseFileLink({ reportId, locale }: { reportId: string; locale: Locale }) {
  const t = await getTranslations("CaseFile");
  const href = getPathname({ href: `/dashboard/reports/${reportId}/case-file`, locale });
  return (
    <p className="text-sm">
      <a href={href} className="font-semibold" download data-testid="case-file-link">
        {t("download")}
      </a>{" "}
      <span className="text-slate-700">{t("downloadHint")}</span>
    </p>
  );
}
