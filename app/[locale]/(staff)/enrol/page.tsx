import type { Metadata } from "next";
import { redirect } from "@/lib/i18n/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { EnrolmentFlow } from "./_components/enrolment-flow";
import { getStaffSession } from "@/lib/auth/session";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ locale: Locale }>;
}): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "StaffAuth" });
  return { title: t("enrolTitle"), robots: { index: false, follow: false } };
}

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
