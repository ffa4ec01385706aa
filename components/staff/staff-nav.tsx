import { getTranslations } from "next-intl/server";
import { signOutAction, signOutEverywhereAction } from "@/app/[locale]/(staff)/dashboard/actions";
import { can, type Role } from "@/lib/auth/permissions";
import { Link } from "@/lib/i18n/navigation";

export async function StaffNav({ role }: { role: Role }) {
  const t = await getTranslations("Dashboard");
  // Bound to "no previous state" so a plain form can post it; it redirects on success.
  const signOutEverywhere = signOutEverywhereAction.bind(null, null) as unknown as (formData: FormData) => Promise<void>;
  return (
    <nav aria-label={t("navLabel")} className="flex flex-wrap items-center gap-3">
      <Link href="/dashboard" className="inline-flex min-h-11 items-center">
        {t("nav.home")}
      </Link>
      {can(role, "users.manage") && (
        <Link href="/dashboard/users" className="inline-flex min-h-11 items-center">
          {t("nav.users")}
        </Link>
      )}
      <form action={signOutAction}>
        <button type="submit" className="inline-flex min-h-11 items-center font-semibold text-teal-900 underline">
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
