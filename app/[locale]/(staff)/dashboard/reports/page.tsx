import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BulkStatusForm } from "./_components/bulk-status-form";
import { ReportFilters, tri } from "./_components/report-filters";
import { ReportTable } from "./_components/report-table";
import { authorize } from "@/lib/auth/session";
import { indexWaitingAfterResponse } from "@/lib/links/session-links";
import { findOverdue } from "@/lib/deadlines/overdue";
import { sortByUrgencyThenOverdue } from "@/lib/deadlines/rules";
import {
  firstValue as one,
  searchDate,
  searchWithout,
  type SearchParams,
} from "@/lib/http/search-params";
import { Link } from "@/lib/i18n/navigation";
import { locales } from "@/lib/i18n/routing";
import { listOrganizations, organizationName } from "@/lib/organizations/list-organizations";
import { listReportReferrals } from "@/lib/referrals/list-report-referrals";
import {
  listReports,
  urgencyOrder,
  type ReportFilters as Filters,
} from "@/lib/reports/list-reports";
import { statuses } from "@/lib/triage/status";
import { allExploitationForms } from "@/lib/validation/report";
import { openListPage, type ListPageProps } from "../_lib/list-page";

function pick<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

function filtersFrom(search: SearchParams): Filters {
  return {
    status: pick(one(search.status), statuses),
    urgency: pick(one(search.urgency), urgencyOrder),
    form: pick(one(search.form), allExploitationForms),
    minors: pick(one(search.minors), tri),
    locale: pick(one(search.locale), locales),
    from: searchDate(one(search.from)),
    to: searchDate(one(search.to), true),
    reference: one(search.reference)?.slice(0, 20),
  };
}

export default async function ReportsPage(props: ListPageProps) {
  const { locale, search } = await openListPage(props);
  const user = await authorize("reports.read.all");
  if (!user) notFound();
  // Links (lib/links): a triage session indexes a batch of waiting reports on the way.
  await indexWaitingAfterResponse(user);
  const t = await getTranslations("Triage");
  const tr = await getTranslations("Routing");
  const overdue = await findOverdue(user);
  const listed = await listReports(
    {
      ...filtersFrom(search),
      ids: one(search.overdue) === "1" ? [...overdue.reports.keys()] : undefined,
      assigneeId: one(search.mine) === "1" ? user.id : undefined,
    },
    one(search.after),
  );
  // The query pages by (urgency, received); overdue reports go ahead within their urgency on each
  // page (lib/deadlines/rules.ts says why not ahead of everything). The cursor is the query's last
  // row, so reordering a page neither skips nor repeats a report.
  const rows = sortByUrgencyThenOverdue(listed.rows, (row) => overdue.reports.has(row.id));
  const [referrals, organizations] = await Promise.all([
    listReportReferrals(
      rows.map((row) => row.id),
      user,
    ),
    listOrganizations(),
  ]);
  const nameOf = new Map(organizations.map((org) => [org.slug, organizationName(org, locale)]));
  const sentTo = Object.fromEntries(
    Object.entries(referrals).map(([reportId, list]) => [
      reportId,
      list.map((referral) => ({
        id: referral.id,
        name: organizationName(referral.organization, locale),
        state:
          referral.state === "closed"
            ? tr("states.closed", { outcome: t(`outcomes.${referral.outcome ?? "ASSISTED"}`) })
            : tr(`states.${referral.state}`),
      })),
    ]),
  );
  const query = searchWithout(search, "after");

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("listTitle")}</h1>
      <ReportFilters search={search} />
      {rows.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <BulkStatusForm>
          <ReportTable
            rows={rows}
            overdue={overdue.reports}
            sentTo={sentTo}
            suggested={(row) =>
              tr("suggested", {
                names: row.suggestedRoute.map((slug) => nameOf.get(slug) ?? slug).join(", ") || "–",
              })
            }
            me={user.id}
          />
        </BulkStatusForm>
      )}
      <nav className="flex gap-4" aria-label={t("listTitle")}>
        {one(search.after) && <Link href={`/dashboard/reports?${query}`}>{t("firstPage")}</Link>}
        {listed.next && (
          <Link
            href={`/dashboard/reports?${new URLSearchParams([...query, ["after", listed.next]])}`}
          >
            {t("nextPage")}
          </Link>
        )}
      </nav>
    </div>
  );
}
