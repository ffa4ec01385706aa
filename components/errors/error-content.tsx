import { getTranslations } from "next-intl/server";
import { EmergencyNumbers } from "@/components/help/emergency-numbers";
import { LocaleLink } from "@/components/ui/locale-link";
import { pageTitle } from "@/lib/i18n/page-title";

/**
 * The body of the localized 404 and error pages. The quick exit is in the header above it; the
 * emergency numbers are here because someone who lands on a broken page may still be in danger.
 */
export async function ErrorContent({ kind }: { kind: "notFound" | "failed" }) {
  const t = await getTranslations("Errors");
  return (
    <div className="max-w-xl space-y-6" data-testid={`error-page-${kind}`}>
      {/* React moves this into <head>. */}
      <title>{pageTitle(t(`${kind}Title`))}</title>
      <h1 className="text-2xl font-bold sm:text-3xl">{t(`${kind}Title`)}</h1>
      <p>{t(`${kind}Text`)}</p>
      <ul className="space-y-2">
        {kind === "failed" && (
          <li>
            {/* An empty href loads this same address again, with or without JavaScript. */}
            <a href="">{t("tryAgain")}</a>
          </li>
        )}
        <li>
          <LocaleLink href="/">{t("home")}</LocaleLink>
        </li>
        <li>
          <LocaleLink href="/report">{t("openForm")}</LocaleLink>
        </li>
      </ul>
      <EmergencyNumbers />
    </div>
  );
}
