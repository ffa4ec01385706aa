import { redirect } from "@/lib/i18n/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { EnrolmentFlow } from "./_components/enrolment-flow";
import { getStaffSession } from "@/lib/auth/session";
import type { Locale } from "@/lib/i18n/routing";
import { authPageMetadata } from "@/app/[locale]/(staff)/_lib/auth-metadata";

export const generateMetadata = authPageMetadata("enrolTitle");

export default async function EnrolPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await getStaffSession();
  if (session.status === "signedOut") redirect({ href: "/sign-in", locale });
  if (session.status === "active") redirect({ href: "/dashboard", locale });
  const t = await getTranslations("StaffAuth");
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold">{t("enrolTitle")}</h1>
      <p>{t("enrolIntro")}</p>
      <EnrolmentFlow />
    </div>
  );
}
