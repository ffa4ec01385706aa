import { getTranslations, setRequestLocale } from "next-intl/server";
import { EmergencyNumbers } from "@/components/help/emergency-numbers";
import { buttonClass } from "@/components/ui/button";
import { LocaleLink } from "@/components/ui/locale-link";
import type { Locale } from "@/lib/i18n/routing";

export default async function HomePage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("Home");

  return (
    <div className="space-y-8">
      <section className="space-y-4">
        <h1 className="text-2xl font-bold leading-tight sm:text-3xl">{t("title")}</h1>
        <p className="text-lg">{t("intro")}</p>
        <div>
          <LocaleLink href="/report" className={`${buttonClass("primary")} no-underline`}>
            {t("reportCta")}
          </LocaleLink>
          <p className="mt-2 text-sm text-slate-700">{t("reportCtaHint")}</p>
        </div>
        <p>
          <LocaleLink href="/follow-up">{t("followUpLink")}</LocaleLink>
        </p>
      </section>

      <EmergencyNumbers />

      <section aria-labelledby="anonymity-title" className="space-y-2">
        <h2 id="anonymity-title" className="text-xl font-bold">
          {t("anonymityTitle")}
        </h2>
        <p>{t("anonymityText")}</p>
      </section>

      <section aria-labelledby="what-happens-title" className="space-y-2">
        <h2 id="what-happens-title" className="text-xl font-bold">
          {t("whatHappensTitle")}
        </h2>
        <ol className="list-decimal space-y-2 pl-6">
          <li>{t("whatHappens1")}</li>
          <li>{t("whatHappens2")}</li>
          <li>{t("whatHappens3")}</li>
        </ol>
      </section>
    </div>
  );
}
