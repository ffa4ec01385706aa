import "server-only";
import { getFormatter, getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/routing";
import type { StatisticsPage } from "./load-statistics";
import type { Labels } from "./table-rows";
import type { TableId } from "./statistics-view";

// Row labels in the reader's language, from the same messages the report form and the triage
// pages use, so that an answer reads the same in the statistics as where it was given.

const rowKey: Partial<Record<TableId, (key: string) => string>> = {
  forms: (key) => `ReportForm.forms.options.${key}`,
  regions: (key) => `ReportForm.region.options.${key}`,
  minors: (key) => `Triage.tri.${key}`,
  reporterRoles: (key) => `ReportForm.reporterRole.options.${key}`,
  languages: (key) => `LanguageSwitcher.${key}`,
  outcomes: (key) => (key === "OPEN" ? "Statistics.outcomeOpen" : `Triage.outcomes.${key}`),
};

export async function statisticsLabels(page: StatisticsPage, locale: Locale): Promise<Labels> {
  const t = await getTranslations({ locale });
  const format = await getFormatter({ locale });
  return {
    row: (table, key) => {
      if (table === "months") {
        const [year, month] = key.split("-").map(Number);
        // The 15th at noon UTC is in the same month in every time zone.
        return format.dateTime(new Date(Date.UTC(year!, month! - 1, 15, 12)), {
          year: "numeric",
          month: "long",
        });
      }
      if (table === "routes") return page.organizationNames[key] ?? key;
      const path = rowKey[table]?.(key);
      // A value stored before an answer was renamed keeps its raw key rather than breaking the page.
      return path && t.has(path as never) ? t(path as never) : key;
    },
    total: t("Statistics.total"),
    suppressed: t("Statistics.suppressed", { threshold: page.threshold }),
    number: (value) => format.number(value),
    hours: (value) =>
      t("Statistics.hours", { value: format.number(value, { maximumFractionDigits: 1 }) }),
  };
}
