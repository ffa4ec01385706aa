import { randomUUID } from "node:crypto";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClientTexts } from "@/components/layout/client-texts";
import { ReportForm } from "./_components/report-form";
import { getPathname } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "ReportForm" });
  return { title: t("title") };
}

export default async function ReportPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  // The form's links are made here: navigation stays out of the reporter's JavaScript.
  const paths = {
    home: getPathname({ href: "/", locale }),
    report: getPathname({ href: "/report", locale }),
  };
  // One id per rendered form: resending the same form (reload, retry) stores the report once.
  return (
    <ClientTexts>
      <ReportForm submissionId={randomUUID()} paths={paths} />
    </ClientTexts>
  );
}
