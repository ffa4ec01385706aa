import { getTranslations } from "next-intl/server";
import { recordAudit } from "@/lib/audit/record-audit";
import { authorize } from "@/lib/auth/session";
import { firstValue } from "@/lib/http/search-params";
import { supportedLocale } from "@/lib/i18n/routing";
import { toCsv } from "@/lib/statistics/csv";
import { statisticsLabels } from "@/lib/statistics/labels";
import { loadStatistics } from "@/lib/statistics/load-statistics";
import { formatMonth, readPeriod } from "@/lib/statistics/period";
import { durationIds, tableIds, type TableId } from "@/lib/statistics/statistics-view";
import { durationRows, tableRows } from "@/lib/statistics/table-rows";

// One statistics table as CSV, exactly as the page shows it (suppressed cells as "< n"). The
// permission is checked here, not left to the page that links to it; anyone else gets a 404.
// Every download is audited (who, which table, which period), like other exports.
export async function GET(
  request: Request,
  { params }: { params: Promise<{ locale: string; table: string }> },
) {
  const { locale: requested, table } = await params;
  const locale = supportedLocale(requested);
  const user = await authorize("statistics.view");
  const isTable = (tableIds as readonly string[]).includes(table);
  if (!user || (!isTable && table !== "durations")) return notFound();
  const search = new URL(request.url).searchParams;
  const period = readPeriod(
    {
      from: firstValue(search.get("from") ?? undefined, 16),
      to: firstValue(search.get("to") ?? undefined, 16),
    },
    new Date(),
  );
  const page = await loadStatistics(user, period, locale);
  if (!page) return notFound();
  const t = await getTranslations({ locale, namespace: "Statistics" });
  const labels = await statisticsLabels(page, locale);

  let rows: (string | number)[][];
  let title: string;
  if (table === "durations") {
    title = t("durations.title");
    rows = [
      [t("durations.measure"), t("durations.count"), t("durations.median"), t("durations.p90")],
      ...durationRows(page, labels, durationIds).map((d) => [
        t(`durations.${d.key}`),
        d.count,
        d.median,
        d.p90,
      ]),
    ];
  } else {
    const id = table as TableId;
    title = t(`tables.${id}.title`);
    const { rows: body, total } = tableRows(page, id, labels);
    rows = [
      [t(`tables.${id}.column`), t(id === "routes" || id === "outcomes" ? "referrals" : "reports")],
      ...[...body, ...(total ? [total] : [])].map((row) => [row.label, row.text]),
    ];
  }
  const from = formatMonth(period.from);
  const to = formatMonth(period.to);
  await recordAudit({
    action: "statistics.exported",
    actorKind: "STAFF",
    actorId: user.id,
    detail: { table, from, to },
  });
  const fileName = `${title} ${from} ${to}.csv`;
  const ascii = `statistics-${table}-${from}-${to}.csv`;
  return new Response(toCsv(rows), {
    headers: {
      ...commonHeaders,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    },
  });
}

const commonHeaders = { "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" };

function notFound() {
  return new Response("Not found", {
    status: 404,
    headers: { ...commonHeaders, "Content-Type": "text/plain; charset=utf-8" },
  });
}
