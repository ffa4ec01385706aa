import { getLocale, getTranslations } from "next-intl/server";
import type { ReportDetail } from "@/lib/reports/get-report";

// The reporter's answers, stored as codes, shown in the officer's language; free text as written.
export async function ReportAnswers({ report }: { report: ReportDetail }) {
  const t = await getTranslations("Triage");
  const f = await getTranslations("ReportForm");
  const label = (key: string) => f(key as never);
  // The language's name in the officer's own language ("ukrajinščina", not "uk").
  const languages = new Intl.DisplayNames([await getLocale()], { type: "language" });
  const rows: [string, React.ReactNode][] = [
    [t("forms"), report.forms.map((v) => label(`forms.options.${v}`)).join("; ")],
    [
      t("indicators"),
      report.indicators.map((v) => label(`indicators.options.${v}`)).join("; ") || "—",
    ],
    [
      t("place"),
      [label(`region.options.${report.region}`), report.placeDetails].filter(Boolean).join(" — "),
    ],
    [
      t("when"),
      [
        label(`whenPeriod.options.${report.whenPeriod}`),
        report.whenDate?.toISOString().slice(0, 10),
      ]
        .filter(Boolean)
        .join(", "),
    ],
    [t("people"), label(`peopleCount.options.${report.peopleCount}`)],
    [t("minors"), t(`tri.${report.minors}`)],
    [t("immediateDanger"), t(`tri.${report.immediateDanger}`)],
    [t("reporterRole"), label(`reporterRole.options.${report.reporterRole}`)],
    [t("locale"), languages.of(report.locale) ?? report.locale],
    [t("contact"), report.contact ?? t("noContact")],
  ];
  return (
    <section aria-labelledby="answers-title" className="space-y-3">
      <h2 id="answers-title" className="text-xl font-bold">
        {t("answers")}
      </h2>
      <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[14rem_1fr]">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-semibold">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3 className="font-bold">{t("description")}</h3>
      <p
        className="whitespace-pre-wrap rounded-md border border-slate-300 bg-white p-3"
        data-testid="report-description"
      >
        {report.description}
      </p>
    </section>
  );
}
