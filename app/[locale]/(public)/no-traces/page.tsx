import { getTranslations, setRequestLocale } from "next-intl/server";
import { InfoSection } from "@/components/help/info-section";
import type { Locale } from "@/lib/i18n/routing";

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
      <header className="space-y-3">
        <h1 className="text-2xl font-bold sm:text-3xl">{t("title")}</h1>
        <p className="text-lg">{t("intro")}</p>
      </header>
      {sections.map((section) => (
        <InfoSection key={section} id={section} title={t(`${section}Title`)}>
          <p>{t(`${section}Text`)}</p>
        </InfoSection>
      ))}
    </div>
  );
}
