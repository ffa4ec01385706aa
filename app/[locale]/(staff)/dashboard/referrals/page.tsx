import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { UrgencyBadge } from "@/components/staff/urgency-badge";
import { authorize } from "@/lib/auth/session";
import { Link } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";
import { listReferrals } from "@/lib/referrals/referrals";
import { formatReference } from "@/lib/reports/reference";

export default async function ReferralsPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await authorize("referrals.read.own");
  if (!user) notFound();
  const t = await getTranslations("Triage");
  const format = await getFormatter();
  const referrals = await listReferrals(user);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("inboxTitle")}</h1>
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
                    ? t("acknowledged")
                    : t("notAcknowledged")}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
