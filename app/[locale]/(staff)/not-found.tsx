import { getTranslations } from "next-intl/server";
import { LocaleLink } from "@/components/ui/locale-link";
import { pageTitle } from "@/lib/i18n/page-title";

/**
 * A report or referral that does not exist or is outside the caller's scope, or an unknown
 * dashboard address: one page for all of them, so it tells no one which reports exist.
 */
export default async function StaffNotFound() {
  const t = await getTranslations("Workspace");
  return (
    <div className="max-w-xl space-y-4" data-testid="error-page-notFound">
      {/* React moves this into <head>. */}
      <title>{pageTitle(t("notFoundTitle"))}</title>
      <h1 className="text-2xl font-bold">{t("notFoundTitle")}</h1>
      <p>{t("notFoundText")}</p>
      <p>
        <LocaleLink href="/dashboard">{t("backToQueue")}</LocaleLink>
      </p>
    </div>
  );
}
