import { getLocale, getTranslations } from "next-intl/server";
import type { ReportDetail } from "@/lib/reports/get-report";
import {
  allExploitationForms,
  indicators,
  peopleCounts,
  regions,
  reporterRoles,
  whenPeriods,
} from "@/lib/validation/report-options";

/**
 * Whether a stored code is one the form offers: only those have a text, and a code from an older
 * form is shown as stored rather than looked up.
 */
const isOneOf = <T extends string>(options: readonly T[], value: string): value is T =>
  options.some((option) => option === value);

// The reporter's answers, stored as codes, shown in the officer's language; free text as written.
export async function ReportAnswers({ report }: { report: ReportDetail }) {
  const t = await getTranslations("Triage");
  const f = await getTranslations("ReportForm");
  const form = (v: string) => (isOneOf(allExploitationForms, v) ? f(`forms.options.${v}`) : v);
  const indicator = (v: string) => (isOneOf(indicators, v) ? f(`indicators.options.${v}`) : v);
  const region = (v: string) => (isOneOf(regions, v) ? f(`region.options.${v}`) : v);
  const when = (v: string) => (isOneOf(whenPeriods, v) ? f(`whenPeriod.options.${v}`) : v);
  const people = (v: string) => (isOneOf(peopleCounts, v) ? f(`peopleCount.options.${v}`) : v);
  const role = (v: string) => (isOneOf(reporterRoles, v) ? f(`reporterRole.options.${v}`) : v);
  // The language's name in the officer's own language ("ukrajinščina", not "uk").
  const languages = new Intl.DisplayNames([await getLocale()], { type: "language" });
  const rows: [string, React.ReactNode][] = [
    [t("forms"), report.forms.map(form).join("; ")],
    [t("indicators"), report.indicators.map(indicator).join("; ") || "—"],
    [t("place"), [region(report.region), report.placeDetails].filter(Boolean).join(" — ")],
    [
      t("when"),
      [when(report.whenPeriod), report.whenDate?.toISOString().slice(0, 10)]
        .filter(Boolean)
        .join(", "),
    ],
    [t("people"), people(report.peopleCount)],
    [t("minors"), t(`tri.${report.minors}`)],
    [t("immediateDanger"), t(`tri.${report.immediateDanger}`)],
    [t("reporterRole"), role(report.reporterRole)],
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
