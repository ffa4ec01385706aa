import { getTranslations } from "next-intl/server";
import { can, type Role } from "@/lib/auth/permissions";
import { asFormAction } from "@/components/ui/form-action";
import { Link } from "@/lib/i18n/navigation";
import { signOutAction, signOutEverywhereAction } from "../actions";

export async function StaffNav({ role }: { role: Role }) {
  const t = await getTranslations("Dashboard");
  const signOut = asFormAction(signOutAction);
  const signOutEverywhere = asFormAction(signOutEverywhereAction);
  return (
    <nav aria-label={t("navLabel")} className="flex flex-wrap items-center gap-3">
      <Link href="/dashboard" className="inline-flex min-h-11 items-center">
        {t("nav.home")}
      </Link>
      {can(role, "reports.read.all") && (
        <Link href="/dashboard/reports" className="inline-flex min-h-11 items-center">
          {t("nav.reports")}
        </Link>
      )}
      {can(role, "referrals.read.own") && (
        <Link href="/dashboard/referrals" className="inline-flex min-h-11 items-center">
          {t("nav.referrals")}
        </Link>
      )}
      {can(role, "users.manage") && (
        <Link href="/dashboard/users" className="inline-flex min-h-11 items-center">
          {t("nav.users")}
        </Link>
      )}
      {can(role, "organizations.manage") && (
        <Link href="/dashboard/organizations" className="inline-flex min-h-11 items-center">
          {t("nav.organizations")}
        </Link>
      )}
      {can(role, "statistics.view") && (
        <Link href="/dashboard/statistics" className="inline-flex min-h-11 items-center">
          {t("nav.statistics")}
        </Link>
      )}
      {can(role, "audit.read") && (
        <Link href="/dashboard/audit" className="inline-flex min-h-11 items-center">
          {t("nav.audit")}
        </Link>
      )}
      <form action={signOut}>
        <button
          type="submit"
          className="inline-flex min-h-11 items-center font-semibold text-teal-900 underline"
        >
          {t("signOut")}
        </button>
      </form>
      <form action={signOutEverywhere}>
        <button type="submit" className="inline-flex min-h-11 items-center text-teal-900 underline">
          {t("signOutEverywhere")}
        </button>
      </form>
    </nav>
  );
}
