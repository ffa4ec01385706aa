import { getTranslations, setRequestLocale } from "next-intl/server";
import { SecondFactorForm } from "../_components/second-factor-form";
import { returnPathValue } from "@/lib/auth/return-path";
import { firstValue, type QueryPageProps } from "@/lib/http/search-params";
import { authPageMetadata } from "@/app/[locale]/(staff)/_lib/auth-metadata";

export const generateMetadata = authPageMetadata("verifyTitle");

export default async function VerifyPage({ params, searchParams }: QueryPageProps) {
  const { locale } = await params;
  const next = returnPathValue(firstValue((await searchParams).next, 400));
  setRequestLocale(locale);
  const t = await getTranslations("StaffAuth");
  return (
    <div className="max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t("verifyTitle")}</h1>
      <p>{t("verifyIntro")}</p>
      <SecondFactorForm next={next} />
    </div>
  );
}
