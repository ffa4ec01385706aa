import { redirect } from "@/lib/i18n/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SignInForm } from "./_components/sign-in-form";
import { getStaffSession } from "@/lib/auth/session";
import type { Locale } from "@/lib/i18n/routing";
import { authPageMetadata } from "@/app/[locale]/(staff)/_lib/auth-metadata";

export const generateMetadata = authPageMetadata("signInTitle");

export default async function SignInPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  if ((await getStaffSession()).status === "active") redirect({ href: "/dashboard", locale });
  const t = await getTranslations("StaffAuth");
  return (
    <div className="max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t("signInTitle")}</h1>
      <p>{t("signInIntro")}</p>
      <SignInForm />
    </div>
  );
}
