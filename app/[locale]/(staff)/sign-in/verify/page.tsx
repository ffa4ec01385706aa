import { getTranslations, setRequestLocale } from "next-intl/server";
import { SecondFactorForm } from "../_components/second-factor-form";
import type { Locale } from "@/lib/i18n/routing";
import { authPageMetadata } from "@/app/[locale]/(staff)/_lib/auth-metadata";

export const generateMetadata = authPageMetadata("verifyTitle");

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
