import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { authorize } from "@/lib/auth/session";
import { retention } from "@/lib/config";
import { firstValue, type QueryPageProps } from "@/lib/http/search-params";
import { statisticsLabels } from "@/lib/statistics/labels";
import { loadStatistics } from "@/lib/statistics/load-statistics";
import { formatMonth, readPeriod } from "@/lib/statistics/period";
import { durationIds, tableIds } from "@/lib/statistics/statistics-view";
import { durationRows, tableRows } from "@/lib/statistics/table-rows";
import { CountTable, StatisticsFigure } from "./_components/statistics-table";

// Statistics for the annual report (issue 16). A GET form sets the period, so the page works
// without JavaScript; every figure is a table with a server-drawn chart beside it and a CSV.

export default async function StatisticsPage({ params, searchParams }: QueryPageProps) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await authorize("statistics.view");
  if (!user) notFound();
  const search = await searchParams;
  const period = readPeriod(
    { from: firstValue(search.from, 16), to: firstValue(search.to, 16) },
    new Date(),
  );
  const page = await loadStatistics(user, period, locale);
  if (!page) notFound();
  const t = await getTranslations("Statistics");
  const labels = await statisticsLabels(page, locale);
  const query = new URLSearchParams({ from: formatMonth(period.from), to: formatMonth(period.to) });
  const csv = (id: string) => `/${locale}/dashboard/statistics/csv/${id}?${query}`;
  const durations = durationRows(page, labels, durationIds);

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <form
        method="get"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-300 bg-white p-4"
        aria-label={t("periodLabel")}
      >
        {(["from", "to"] as const).map((end) => (
          <label key={end} className="block text-sm font-semibold">
            {t(end)}
            <input
              name={end}
              type="month"
              pattern="[0-9]{4}-[0-9]{2}"
              placeholder={t("monthPlaceholder")}
              defaultValue={formatMonth(period[end])}
              className="text-input mt-1"
            />
          </label>
        ))}
        <button
          type="submit"
          className="min-h-11 rounded-md bg-teal-800 px-4 font-semibold text-white"
        >
          {t("apply")}
        </button>
      </form>
      {period.adjusted && (
        <p role="status" className="rounded-md border border-amber-400 bg-amber-50 p-3">
          {t("periodAdjusted", { from: formatMonth(period.from), to: formatMonth(period.to) })}
        </p>
      )}
      <section
        aria-labelledby="statistics-rule"
        className="rounded-lg border border-slate-300 bg-slate-50 p-4 text-sm"
      >
        <h2 id="statistics-rule" className="text-base font-bold">
          {t("ruleTitle")}
        </h2>
        <p className="mt-1">{t("rule", { threshold: page.threshold })}</p>
        <p className="mt-1">{t("scope", { days: retention.closedDays() })}</p>
      </section>

      {tableIds.map((id) => {
        const { rows, total } = tableRows(page, id, labels);
        return (
          <StatisticsFigure
            key={id}
            id={id}
            title={t(`tables.${id}.title`)}
            note={
              id === "forms"
                ? t("tables.forms.note")
                : id === "routes" || id === "outcomes"
                  ? t("referralsNote")
                  : undefined
            }
            csvHref={csv(id)}
            csvLabel={t("downloadCsv", { table: t(`tables.${id}.title`) })}
            compact={id === "months"}
            table={
              <CountTable
                caption={t(`tables.${id}.title`)}
                headers={[
                  t(`tables.${id}.column`),
                  t(id === "routes" || id === "outcomes" ? "referrals" : "reports"),
                ]}
                rows={rows}
                total={total}
              />
            }
            bars={rows.map((row) => ({ label: row.label, value: row.value, text: row.text }))}
          />
        );
      })}

      <StatisticsFigure
        id="durations"
        title={t("durations.title")}
        note={t("durations.note", { threshold: page.threshold })}
        csvHref={csv("durations")}
        csvLabel={t("downloadCsv", { table: t("durations.title") })}
        table={
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">{t("durations.title")}</caption>
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="p-2">
                  {t("durations.measure")}
                </th>
                <th scope="col" className="p-2 text-right">
                  {t("durations.count")}
                </th>
                <th scope="col" className="p-2 text-right">
                  {t("durations.median")}
                </th>
                <th scope="col" className="p-2 text-right">
                  {t("durations.p90")}
                </th>
              </tr>
            </thead>
            <tbody>
              {durations.map((d) => (
                <tr key={d.key} className="border-b border-slate-200" data-key={d.key}>
                  <th scope="row" className="p-2 font-normal">
                    {t(`durations.${d.key}`)}
                  </th>
                  <td className="p-2 text-right tabular-nums">{d.count}</td>
                  <td className="p-2 text-right tabular-nums">{d.median}</td>
                  <td className="p-2 text-right tabular-nums">{d.p90}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
        bars={durations.map((d) => ({
          label: t(`durations.${d.key}`),
          value: d.medianHours,
          text: t("durations.medianShort", { value: d.median }),
          second: { value: d.p90Hours, text: t("durations.p90Short", { value: d.p90 }) },
        }))}
      />
    </div>
  );
}
