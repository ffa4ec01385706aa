import { getTranslations, setRequestLocale } from "next-intl/server";
import { InfoSection } from "@/components/help/info-section";
import type { Locale } from "@/lib/i18n/routing";
import { PageHeader } from "@/components/layout/page-header";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "NoTracesPage" }))("title") };
}

const sections = ["exit", "private", "history", "tor", "sharedDevice", "whatWeStore"] as const;

export default async function NoTracesPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("NoTracesPage");

  return (
    <div className="space-y-8">
      <PageHeader title={t("title")} intro={t("intro")} />
      {sections.map((section) => (
        <InfoSection key={section} id={section} title={t(`${section}Title`)}>
          <p>{t(`${section}Text`)}</p>
        </InfoSection>
      ))}
    </div>
  );
}
