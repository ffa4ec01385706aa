import { randomUUID } from "node:crypto";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClientTexts } from "@/components/layout/client-texts";
import { ReportForm } from "./_components/report-form";
import { getPathname } from "@/lib/i18n/navigation";
import { reportingIsOpen } from "@/lib/reports/report-keys";
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
  // Before the police have made their keys no report can be stored (SECURITY.md, "Sealed now"):
  // say so before anyone types, not only after a refused post.
  const open = await reportingIsOpen();
  const t = await getTranslations({ locale, namespace: "ReportForm" });
  // One id per rendered form: resending the same form (reload, retry) stores the report once.
  return (
    <ClientTexts>
      {!open && (
        <p
          role="alert"
          data-testid="reporting-not-open"
          className="mb-6 rounded-md border-2 border-red-800 bg-red-50 p-4 font-semibold text-red-900"
        >
          {t("notOpenYet")}
        </p>
      )}
      <ReportForm submissionId={randomUUID()} paths={paths} />
    </ClientTexts>
  );
}
