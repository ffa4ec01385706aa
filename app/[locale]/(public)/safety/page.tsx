import { getTranslations, setRequestLocale } from "next-intl/server";
import { EmergencyNumbers } from "@/components/help/emergency-numbers";
import { InfoSection } from "@/components/help/info-section";
import { LocaleLink } from "@/components/ui/locale-link";
import type { Locale } from "@/lib/i18n/routing";
import { PageHeader } from "@/components/layout/page-header";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "SafetyPage" }))("title") };
}

const range = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

export default async function SafetyPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("SafetyPage");
  type Key = Parameters<typeof t>[0];
  const items = (prefix: "tips" | "forms" | "childForms", count: number) =>
    range(count).map((n) => t(`${prefix}.item${n}` as Key));

  return (
    <div className="space-y-8">
      <PageHeader title={t("title")} intro={t("intro")} />

      <InfoSection id="risks" title={t("risksTitle")}>
        <p>{t("risksText")}</p>
      </InfoSection>

      <InfoSection id="tips" title={t("tipsTitle")}>
        <ol className="list-decimal space-y-2 pl-6">
          {items("tips", 11).map((tip) => (
            <li key={tip}>{tip}</li>
          ))}
        </ol>
      </InfoSection>

      <InfoSection id="what-is" title={t("whatIsTitle")}>
        <p>{t("whatIsText")}</p>
        <h3 className="pt-2 text-lg font-bold">{t("formsTitle")}</h3>
        <ul className="list-disc space-y-1 pl-6">
          {items("forms", 8).map((form) => (
            <li key={form}>{form}</li>
          ))}
        </ul>
        <h3 className="pt-2 text-lg font-bold">{t("childFormsTitle")}</h3>
        <ul className="list-disc space-y-1 pl-6">
          {items("childForms", 8).map((form) => (
            <li key={form}>{form}</li>
          ))}
        </ul>
      </InfoSection>

      <InfoSection id="rights" title={t("rightsTitle")}>
        <p>{t("rightsText1")}</p>
        <p>{t("rightsText2")}</p>
        <p>{t("rightsText3")}</p>
      </InfoSection>

      <InfoSection id="help" title={t("helpTitle")}>
        <p>{t("helpText")}</p>
        <EmergencyNumbers headingLevel={3} />
        <p className="flex flex-wrap gap-4">
          <LocaleLink href="/help" className="inline-flex min-h-11 items-center font-semibold">
            {t("helpLink")}
          </LocaleLink>
          <LocaleLink href="/report" className="inline-flex min-h-11 items-center font-semibold">
            {t("reportLink")}
          </LocaleLink>
        </p>
      </InfoSection>
    </div>
  );
}
