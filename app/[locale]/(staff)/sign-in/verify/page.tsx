import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SecondFactorForm } from "../_components/second-factor-form";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ locale: Locale }>;
}): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "StaffAuth" });
  return { title: t("verifyTitle"), robots: { index: false, follow: false } };
}

export default async function VerifyPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("StaffAuth");
  return (
    <div className="max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t("verifyTitle")}</h1>
      <p>{t("verifyIntro")}</p>
      <SecondFactorForm />
    </div>
  );
}
