import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { OverdueBadge, UrgencyBadge } from "@/components/staff/urgency-badge";
import { authorize } from "@/lib/auth/session";
import { findOverdue } from "@/lib/deadlines/overdue";
import { sortOverdueFirst } from "@/lib/deadlines/rules";
import { firstValue as one } from "@/lib/http/search-params";
import { Link } from "@/lib/i18n/navigation";
import { inboxViews, listReferrals, type InboxView } from "@/lib/referrals/referrals";
import { formatReference } from "@/lib/reports/reference";
import { openListPage, type ListPageProps } from "../_lib/list-page";

export default async function ReferralsPage(props: ListPageProps) {
  const { search } = await openListPage(props);
  const user = await authorize("referrals.read.own");
  if (!user) notFound();
  const t = await getTranslations("Triage");
  const format = await getFormatter();
  const td = await getTranslations("Deadlines");
  const ta = await getTranslations("Assignment");
  const onlyMine = one(search.mine) === "1";
  const asked = one(search.show);
  const view: InboxView = inboxViews.find((v) => v === asked) ?? "all";
  const overdue = await findOverdue(user);
  const referrals = sortOverdueFirst(
    await listReferrals(user, { mine: onlyMine, view, overdue }),
    (referral) => overdue.referralIds.has(referral.id),
  );

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("inboxTitle")}</h1>
      <form method="get" className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-2 font-semibold">
          {t("inboxShow")}
          <select name="show" defaultValue={view} className="text-input w-auto">
            {inboxViews.map((option) => (
              <option key={option} value={option}>
                {t(`inboxViews.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 font-semibold">
          <input
            type="checkbox"
            name="mine"
            value="1"
            defaultChecked={onlyMine}
            className="h-5 w-5 accent-teal-800"
          />
          {ta("filterMine")}
        </label>
        <button
          type="submit"
          className="min-h-11 rounded-md bg-teal-800 px-4 font-semibold text-white"
        >
          {t("applyFilters")}
        </button>
      </form>
      {referrals.length === 0 ? (
        <p>{t("inboxEmpty")}</p>
      ) : (
        <ul className="space-y-2" data-testid="referral-inbox">
          {referrals.map((referral) => (
            <li
              key={referral.id}
              className={`rounded-lg border bg-white p-3 ${referral.acknowledgedAt ? "border-slate-300" : "border-teal-800 border-2"}`}
            >
              <Link href={`/dashboard/reports/${referral.report.id}`} className="font-semibold">
                {formatReference(referral.report.number, referral.report.createdAt)}
              </Link>{" "}
              <UrgencyBadge
                urgency={referral.report.urgency}
                label={t(`urgencies.${referral.report.urgency}`)}
              />
              {overdue.referralIds.has(referral.id) && (
                <OverdueBadge className="ml-2">
                  {td("overdue")}: {td("kind.acknowledge")}
                </OverdueBadge>
              )}
              {referral.report._count.messages > 0 && (
                <span
                  className="ml-2 rounded bg-teal-800 px-1 text-xs font-bold text-white"
                  data-testid="unread-replies"
                >
                  {t("unreadReplies", { count: referral.report._count.messages })}
                </span>
              )}
              <span className="ml-2 text-sm">
                {format.dateTime(referral.createdAt, "stamp")} ·{" "}
                {referral.closedAt
                  ? t("closedWith", { outcome: t(`outcomes.${referral.outcome ?? "ASSISTED"}`) })
                  : referral.acknowledgedAt
                    ? referral.acknowledgedBy
                      ? t("acknowledgedBy", {
                          name: referral.acknowledgedBy,
                          when: format.dateTime(referral.acknowledgedAt, "stamp"),
                        })
                      : t("acknowledged")
                    : t("notAcknowledged")}
                {referral.assignee &&
                  ` · ${referral.assignee.id === user.id ? ta("mine") : ta("heldBy", { name: referral.assignee.name })}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
