import { getLocale, getTranslations } from "next-intl/server";
import { supportedLocale } from "@/lib/i18n/routing";
import { answerRows } from "@/lib/reports/answer-rows";
import type { ReportDetail } from "@/lib/reports/get-report";

// The reporter's answers, stored as codes, shown in the officer's language; free text as written.
export async function ReportAnswers({ report }: { report: ReportDetail }) {
  const t = await getTranslations("Triage");
  const ts = await getTranslations("SealedReports");
  const rows = await answerRows(report, supportedLocale(await getLocale()));
  return (
    <section aria-labelledby="answers-title" className="space-y-3">
      <h2 id="answers-title" className="text-xl font-bold">
        {t("answers")}
      </h2>
      {report.sealed && (
        <p
          role="status"
          className="rounded-md border-2 border-amber-700 bg-amber-50 p-3"
          data-testid="report-sealed"
        >
          {ts("reportSealed")}
        </p>
      )}
      <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[14rem_1fr]">
        {rows.map(({ label, value }) => (
          <div key={label} className="contents">
            <dt className="font-semibold">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3 className="font-bold">{t("description")}</h3>
      <p
        className="whitespace-pre-wrap rounded-md border border-slate-300 bg-white p-3"
        data-testid="report-description"
      >
        {report.description ?? ts("fieldSealed")}
      </p>
    </section>
  );
}
