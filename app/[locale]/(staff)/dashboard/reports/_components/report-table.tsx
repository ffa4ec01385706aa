import { getFormatter, getTranslations } from "next-intl/server";
import { OverdueBadge, UrgencyBadge } from "@/components/staff/urgency-badge";
import type { DeadlineItem } from "@/lib/deadlines/open-items";
import { Link } from "@/lib/i18n/navigation";
import type { listReports } from "@/lib/reports/list-reports";
import { formatReference } from "@/lib/reports/reference";
import type { allExploitationForms } from "@/lib/validation/report";

type Row = Awaited<ReturnType<typeof listReports>>["rows"][number];
/** Where a report was actually sent and how each referral stands, in words. */
export type SentToEntry = { id: string; name: string; state: string };

export async function ReportTable({
  rows,
  overdue,
  sentTo,
  suggested,
  me,
}: {
  rows: Row[];
  overdue: Map<string, DeadlineItem[]>;
  sentTo: Record<string, SentToEntry[]>;
  /** Before routing: the suggestion, in words. */
  suggested: (row: Row) => string;
  me: string;
}) {
  const t = await getTranslations("Triage");
  const format = await getFormatter();
  const tf = await getTranslations("ReportForm.forms.options");
  const tr = await getTranslations("Routing");
  const td = await getTranslations("Deadlines");
  const ta = await getTranslations("Assignment");
  const column = (label: string, hidden = false) => (
    <th scope="col" className="p-2">
      {hidden ? <span className="sr-only">{label}</span> : label}
    </th>
  );

  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm" data-testid="report-list">
        <thead>
          <tr className="border-b border-slate-400">
            {column(t("select"), true)}
            {column(t("reference"))}
            {column(t("urgency"))}
            {column(t("status"))}
            {column(t("form"))}
            {column(t("received"))}
            {column(tr("sentTo"))}
          </tr>
        </thead>
        <tbody>
          {rows.map((report) => {
            const late = overdue.get(report.id);
            const reference = formatReference(report.number, report.createdAt);
            return (
              <tr
                key={report.id}
                className="border-b border-slate-200 align-top"
                data-urgency={report.urgency}
                data-overdue={late ? "true" : undefined}
              >
                <td className="p-2">
                  <input
                    type="checkbox"
                    name="reportIds"
                    value={report.id}
                    aria-label={`${t("select")} ${reference}`}
                    className="h-5 w-5 accent-teal-800"
                  />
                </td>
                <td className="p-2">
                  <Link href={`/dashboard/reports/${report.id}`} className="font-semibold">
                    {reference}
                  </Link>
                  {late && (
                    <OverdueBadge className="ml-2">
                      {td("overdue")}:{" "}
                      {[...new Set(late.map((item) => td(`kind.${item.kind}`)))].join("; ")}
                    </OverdueBadge>
                  )}
                  {report.assignee && (
                    <span className="ml-2 block text-xs" data-testid="holder">
                      {report.assignee.id === me
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
                  <UrgencyBadge urgency={report.urgency} label={t(`urgencies.${report.urgency}`)} />
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
                  <SentTo referrals={sentTo[report.id] ?? []} none={suggested(report)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function SentTo({ referrals, none }: { referrals: SentToEntry[]; none: string }) {
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
