import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { OverdueBadge, UrgencyBadge } from "@/components/staff/urgency-badge";
import { can } from "@/lib/auth/permissions";
import { authorize } from "@/lib/auth/session";
import { indexWaitingAfterResponse } from "@/lib/links/session-links";
import { Link } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";
import { getLandingQueue } from "@/lib/queue/landing-queue";
import { formatReference } from "@/lib/reports/reference";

// Where everyone lands after signing in: what waits for them, most pressing first, with links
// into the lists that hold the rest.
export default async function DashboardPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await authorize("dashboard.view");
  if (!user) notFound();
  // Links (lib/links): a triage session indexes a batch of waiting reports on the way.
  await indexWaitingAfterResponse(user);
  const t = await getTranslations("Workspace");
  const tt = await getTranslations("Triage");
  const td = await getTranslations("Deadlines");
  const tn = await getTranslations("Dashboard.nav");
  const format = await getFormatter();
  const queue = await getLandingQueue(user);
  const badge = (urgency: string, overdue: boolean) => (
    <>
      <UrgencyBadge urgency={urgency} label={tt(`urgencies.${urgency as "LOW"}`)} />
      {overdue && <OverdueBadge>{td("overdue")}</OverdueBadge>}
    </>
  );

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t("queueTitle")}</h1>

      {queue.kind === "triage" && (
        <>
          <ul className="grid gap-3 sm:grid-cols-3" data-testid="queue-counts">
            <Count
              href="/dashboard/reports?status=NEW"
              label={t("newReports")}
              count={queue.newCount}
            />
            <Count
              href="/dashboard/reports?overdue=1"
              label={t("overdueReports")}
              count={queue.overdueCount}
              urgent
            />
            <Count
              href="/dashboard/reports?mine=1"
              label={t("mineReports")}
              count={queue.mineCount}
            />
          </ul>
          <Waiting title={t("waitingReports")} empty={t("nothingWaiting")}>
            {queue.first.map((report) => (
              <li key={report.id} className="flex flex-wrap items-center gap-2 py-2">
                <Link href={`/dashboard/reports/${report.id}`} className="font-semibold">
                  {formatReference(report.number, report.createdAt)}
                </Link>
                {badge(report.urgency, report.overdue)}
                <span className="text-sm text-slate-700">
                  {tt(`statuses.${report.status as "NEW"}`)} ·{" "}
                  {format.dateTime(report.createdAt, "stamp")}
                </span>
              </li>
            ))}
          </Waiting>
          <p>
            <Link href="/dashboard/reports">{t("allReports")}</Link>
          </p>
        </>
      )}

      {queue.kind === "organization" && (
        <>
          <ul className="grid gap-3 sm:grid-cols-3" data-testid="queue-counts">
            <Count
              href="/dashboard/referrals?show=unacknowledged"
              label={t("unacknowledgedReferrals")}
              count={queue.unacknowledgedCount}
            />
            <Count
              href="/dashboard/referrals?show=overdue"
              label={t("overdueReferrals")}
              count={queue.overdueCount}
              urgent
            />
            <Count
              href="/dashboard/referrals?show=unread"
              label={t("unreadMessages")}
              count={queue.unreadCount}
            />
          </ul>
          <Waiting title={t("waitingReferrals")} empty={t("nothingWaiting")}>
            {queue.first.map((referral) => (
              <li key={referral.id} className="flex flex-wrap items-center gap-2 py-2">
                <Link href={`/dashboard/reports/${referral.report.id}`} className="font-semibold">
                  {formatReference(referral.report.number, referral.report.createdAt)}
                </Link>
                {badge(referral.urgency, referral.overdue)}
                <span className="text-sm text-slate-700">
                  {referral.acknowledged ? tt("acknowledged") : tt("notAcknowledged")} ·{" "}
                  {format.dateTime(referral.createdAt, "stamp")}
                </span>
              </li>
            ))}
          </Waiting>
          <p>
            <Link href="/dashboard/referrals">{t("allReferrals")}</Link>
          </p>
        </>
      )}

      {can(user.role, "users.manage") && (
        <section aria-labelledby="admin-title" className="space-y-2">
          <h2 id="admin-title" className="text-xl font-bold">
            {t("adminTitle")}
          </h2>
          <p>{t("adminIntro")}</p>
          <ul className="list-disc space-y-1 pl-6" data-testid="admin-links">
            <li>
              <Link href="/dashboard/users">{tn("users")}</Link>
            </li>
            {can(user.role, "organizations.manage") && (
              <li>
                <Link href="/dashboard/organizations">{tn("organizations")}</Link>
              </li>
            )}
            {can(user.role, "audit.read") && (
              <li>
                <Link href="/dashboard/audit">{tn("audit")}</Link>
              </li>
            )}
          </ul>
        </section>
      )}
    </div>
  );
}

function Count({
  href,
  label,
  count,
  urgent = false,
}: {
  href: string;
  label: string;
  count: number;
  urgent?: boolean;
}) {
  const marked = urgent && count > 0;
  return (
    <li>
      <Link
        href={href}
        className={`block rounded-lg border-2 bg-white p-4 no-underline ${marked ? "border-red-800" : "border-slate-300"}`}
      >
        <span className={`block text-3xl font-bold ${marked ? "text-red-800" : "text-slate-950"}`}>
          {count}
        </span>
        <span className="block font-semibold text-teal-900 underline">{label}</span>
      </Link>
    </li>
  );
}

function Waiting({
  title,
  empty,
  children,
}: {
  title: string;
  empty: string;
  children: ReactNode[];
}) {
  return (
    <section aria-labelledby="waiting-title" className="space-y-2">
      <h2 id="waiting-title" className="text-xl font-bold">
        {title}
      </h2>
      {children.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul className="divide-y divide-slate-200" data-testid="queue-first">
          {children}
        </ul>
      )}
    </section>
  );
}
