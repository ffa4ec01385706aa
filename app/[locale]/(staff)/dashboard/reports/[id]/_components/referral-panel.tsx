import { getFormatter, getTranslations } from "next-intl/server";
import type { getHolders } from "@/lib/assignment/holders";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import type { Locale } from "@/lib/i18n/routing";
import { organizationName } from "@/lib/organizations/list-organizations";
import { heldKeysOfRequest } from "@/lib/keys/session-keys";
import { getReferralCardDetails } from "@/lib/referrals/referral-cards";
import type { ReportDetail } from "@/lib/reports/get-report";
import { ReferralCard } from "./referral-card";

/**
 * Each referral of the report as a decision on record: where it went, when and by whom, who
 * acknowledged it and when, who closed it with what outcome, the notes between triage and that
 * organisation, and the actions the caller may take on it. Referrals are already in the caller's
 * scope (get-report); names and notes are read within it too.
 */
export async function ReferralPanel({
  report,
  user,
  holders,
  locale,
}: {
  report: ReportDetail;
  user: StaffUser;
  holders: Awaited<ReturnType<typeof getHolders>>;
  locale: Locale;
}) {
  if (report.referrals.length === 0) return null;
  const t = await getTranslations("Triage");
  const sealed = await getTranslations("SealedReports");
  const format = await getFormatter();
  const { nameOf, notes, colleagues } = await getReferralCardDetails(
    report.id,
    report.referrals,
    user,
    await heldKeysOfRequest(),
  );
  const stamp = (at: Date | null) => (at ? format.dateTime(at, "stamp") : null);
  return (
    <section aria-labelledby="referrals-title" className="space-y-3">
      <h2 id="referrals-title" className="text-xl font-bold">
        {t("referralsTitle")}
      </h2>
      {report.referrals.map((r) => {
        const mine = r.organizationId === user.organizationId;
        return (
          <ReferralCard
            key={r.id}
            referral={{
              id: r.id,
              slug: r.organization.slug,
              organization: organizationName(r.organization, locale),
              routedNote: r.note,
              routedAt: stamp(r.createdAt)!,
              routedBy: nameOf(r.routedById),
              acknowledgedAt: stamp(r.acknowledgedAt),
              acknowledgedBy: nameOf(r.acknowledgedById),
              closedAt: stamp(r.closedAt),
              closedBy: nameOf(r.closedById),
              outcome: r.outcome,
              holder: holders.referrals.get(r.id) ?? null,
              notes: (notes.get(r.id) ?? []).map((note) => ({
                ...note,
                body: note.body ?? sealed("fieldSealed"),
                createdAt: format.dateTime(note.createdAt, "stamp"),
              })),
            }}
            me={user.id}
            colleagues={colleagues}
            canUpdate={can(user.role, "referrals.update.own") && mine}
            canAssign={can(user.role, "referrals.assign.own") && mine}
            canNote={
              can(user.role, "referrals.note") && (can(user.role, "reports.read.all") || mine)
            }
          />
        );
      })}
    </section>
  );
}
