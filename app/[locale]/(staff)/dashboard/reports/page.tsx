import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { BulkStatusForm } from "./_components/bulk-status-form";
import { UrgencyBadge } from "@/components/staff/urgency-badge";
import { authorize } from "@/lib/auth/session";
import { findOverdue } from "@/lib/deadlines/overdue";
import { sortOverdueFirst } from "@/lib/deadlines/rules";
import { TriState } from "@/lib/generated/prisma/enums";
import { Link } from "@/lib/i18n/navigation";
import { locales, type Locale } from "@/lib/i18n/routing";
import {
  firstValue as one,
  searchDate,
  searchWithout,
  type SearchParams,
} from "@/lib/http/search-params";
import { listOrganizations, organizationName } from "@/lib/organizations/list-organizations";
import { listReportReferrals } from "@/lib/referrals/list-report-referrals";
import { listReports, urgencyOrder, type ReportFilters } from "@/lib/reports/list-reports";
import { formatReference } from "@/lib/reports/reference";
import { statuses } from "@/lib/triage/status";
import { allExploitationForms } from "@/lib/validation/report";

const urgencies = urgencyOrder;
const tri = Object.values(TriState);
const day = 24 * 3600 * 1000;

function pick<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

function filtersFrom(search: SearchParams): ReportFilters {
  return {
    status: pick(one(search.status), statuses),
    urgency: pick(one(search.urgency), urgencies),
    form: pick(one(search.form), allExploitationForms),
    minors: pick(one(search.minors), tri),
    locale: pick(one(search.locale), locales),
    from: searchDate(one(search.from)),
    to: searchDate(one(search.to), true),
    reference: one(search.reference)?.slice(0, 20),
  };
}

export default async function ReportsPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<SearchParams>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await authorize("reports.read.all");
  if (!user) notFound();
  const search = await searchParams;
  const t = await getTranslations("Triage");
  const format = await getFormatter();
  const tf = await getTranslations("ReportForm.forms.options");
  const tl = await getTranslations("LanguageSwitcher");
  const tr = await getTranslations("Routing");
  const td = await getTranslations("Deadlines");
  const ta = await getTranslations("Assignment");
  const overdue = await findOverdue(user);
  const onlyOverdue = one(search.overdue) === "1";
  const onlyMine = one(search.mine) === "1";
  const listed = await listReports(
    {
      ...filtersFrom(search),
      ids: onlyOverdue ? [...overdue.reports.keys()] : undefined,
      assigneeId: onlyMine ? user.id : undefined,
    },
    one(search.after),
  );
  const next = listed.next;
  // Overdue reports lead the first page; later pages keep the list's own order, so paging by
  // cursor neither skips nor repeats a report.
  const rows = one(search.after)
    ? listed.rows
    : sortOverdueFirst(listed.rows, (row) => overdue.reports.has(row.id));
  const [sentTo, organizations] = await Promise.all([
    listReportReferrals(
      rows.map((row) => row.id),
      user,
    ),
    listOrganizations(),
  ]);
  const nameOf = new Map(organizations.map((org) => [org.slug, organizationName(org, locale)]));
  const query = searchWithout(search, "after");
  const now = Date.now();

  const select = <T extends string>(
    name: string,
    label: string,
    options: readonly T[],
    text: (value: T) => string,
    anyLabel = t("any"),
  ) => (
    <label className="block text-sm font-semibold">
      {label}
      <select name={name} defaultValue={one(search[name]) ?? ""} className="text-input mt-1">
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {text(option)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("listTitle")}</h1>
      <form
        method="get"
        className="grid gap-3 rounded-lg border border-slate-300 bg-white p-4 sm:grid-cols-4"
        aria-label={t("filters")}
      >
        {select("status", t("status"), statuses, (s) => t(`statuses.${s}`), t("openStatuses"))}
        {select("urgency", t("urgency"), urgencies, (u) => t(`urgencies.${u}`))}
        {select("form", t("form"), allExploitationForms, (f) => tf(f))}
        {select("minors", t("minors"), tri, (v) => t(`tri.${v}`))}
        {select("locale", t("locale"), locales, (l) => tl(l))}
        <label className="block text-sm font-semibold">
          {t("from")}
          <input
            type="date"
            name="from"
            defaultValue={one(search.from)}
            className="text-input mt-1"
          />
        </label>
        <label className="block text-sm font-semibold">
          {t("to")}
          <input type="date" name="to" defaultValue={one(search.to)} className="text-input mt-1" />
        </label>
        <label className="block text-sm font-semibold">
          {t("reference")}
          <input
            name="reference"
            defaultValue={one(search.reference)}
            placeholder="TR-2026-00042"
            className="text-input mt-1"
          />
        </label>
        <div className="flex flex-wrap gap-4 sm:col-span-4">
          <label className="choice flex items-center gap-2 font-semibold">
            <input
              type="checkbox"
              name="overdue"
              value="1"
              defaultChecked={onlyOverdue}
              className="h-5 w-5 accent-teal-800"
            />
            {td("filterOverdue")}
          </label>
          <label className="choice flex items-center gap-2 font-semibold">
            <input
              type="checkbox"
              name="mine"
              value="1"
              defaultChecked={onlyMine}
              className="h-5 w-5 accent-teal-800"
            />
            {ta("filterMine")}
          </label>
        </div>
        <div className="flex gap-3 sm:col-span-4">
          <button
            type="submit"
            className="min-h-11 rounded-md bg-teal-800 px-4 font-semibold text-white"
          >
            {t("applyFilters")}
          </button>
          <Link href="/dashboard/reports" className="inline-flex min-h-11 items-center">
            {t("clearFilters")}
          </Link>
        </div>
      </form>

      {rows.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <BulkStatusForm>
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left text-sm" data-testid="report-list">
              <thead>
                <tr className="border-b border-slate-400">
                  <th scope="col" className="p-2">
                    <span className="sr-only">{t("select")}</span>
                  </th>
                  <th scope="col" className="p-2">
                    {t("reference")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("urgency")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("status")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("form")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("received")}
                  </th>
                  <th scope="col" className="p-2">
                    {tr("sentTo")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((report) => {
                  const stale = report.status === "NEW" && now - report.createdAt.getTime() > day;
                  const late = overdue.reports.get(report.id);
                  return (
                    <tr
                      key={report.id}
                      className={`border-b border-slate-200 ${stale ? "bg-amber-50" : ""}`}
                      data-urgency={report.urgency}
                      data-overdue={late ? "true" : undefined}
                    >
                      <td className="p-2">
                        <input
                          type="checkbox"
                          name="reportIds"
                          value={report.id}
                          aria-label={`${t("select")} ${formatReference(report.number, report.createdAt)}`}
                          className="h-5 w-5 accent-teal-800"
                        />
                      </td>
                      <td className="p-2">
                        <Link href={`/dashboard/reports/${report.id}`} className="font-semibold">
                          {formatReference(report.number, report.createdAt)}
                        </Link>
                        {stale && (
                          <span className="ml-2 rounded bg-amber-700 px-1 text-xs font-bold text-white">
                            {t("waitingLong")}
                          </span>
                        )}
                        {late && (
                          <span
                            className="ml-2 rounded bg-red-800 px-1 text-xs font-bold text-white"
                            data-testid="overdue"
                          >
                            {td("overdue")}:{" "}
                            {[...new Set(late.map((item) => td(`kind.${item.kind}`)))].join("; ")}
                          </span>
                        )}
                        {report.assignee && (
                          <span className="ml-2 block text-xs" data-testid="holder">
                            {report.assignee.id === user.id
                              ? ta("mine")
                              : ta("heldBy", { name: report.assignee.name })}
                          </span>
                        )}
                        {report._count.messages > 0 && (
                          <span
                            className="ml-2 rounded bg-teal-800 px-1 text-xs font-bold text-white"
                            data-testid="unread-replies"
                          >
                            {t("unreadReplies", { count: report._count.messages })}
                          </span>
                        )}
                      </td>
                      <td className="p-2">
                        <UrgencyBadge
                          urgency={report.urgency}
                          label={t(`urgencies.${report.urgency}`)}
                        />
                      </td>
                      <td className="p-2">{t(`statuses.${report.status}`)}</td>
                      <td className="p-2">
                        {report.forms
                          .map((form) => tf(form as (typeof allExploitationForms)[number]))
                          .join("; ")}
                      </td>
                      <td className="p-2 whitespace-nowrap">
                        {format.dateTime(report.createdAt, "stamp")}
                      </td>
                      <td className="p-2" data-testid="sent-to">
                        <SentTo
                          referrals={(sentTo[report.id] ?? []).map((referral) => ({
                            id: referral.id,
                            name: organizationName(referral.organization, locale),
                            state:
                              referral.state === "closed"
                                ? tr("states.closed", {
                                    outcome: t(`outcomes.${referral.outcome ?? "ASSISTED"}`),
                                  })
                                : tr(`states.${referral.state}`),
                          }))}
                          none={tr("suggested", {
                            names:
                              report.suggestedRoute
                                .map((slug) => nameOf.get(slug) ?? slug)
                                .join(", ") || "–",
                          })}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </BulkStatusForm>
      )}
      <nav className="flex gap-4" aria-label={t("listTitle")}>
        {one(search.after) && <Link href={`/dashboard/reports?${query}`}>{t("firstPage")}</Link>}
        {next && (
          <Link href={`/dashboard/reports?${new URLSearchParams([...query, ["after", next]])}`}>
            {t("nextPage")}
          </Link>
        )}
      </nav>
    </div>
  );
}

/** Where a report was actually sent and how each stands; before routing, what was suggested. */
function SentTo({
  referrals,
  none,
}: {
  referrals: { id: string; name: string; state: string }[];
  none: string;
}) {
  if (referrals.length === 0) return <span className="text-slate-700">{none}</span>;
  return (
    <ul>
      {referrals.map((referral) => (
        <li key={referral.id}>
          <span className="font-semibold">{referral.name}</span> — {referral.state}
        </li>
      ))}
    </ul>
  );
}
