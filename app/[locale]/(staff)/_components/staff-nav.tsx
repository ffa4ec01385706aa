import { getTranslations } from "next-intl/server";
import { can, type Permission, type Role } from "@/lib/auth/permissions";
import { Link } from "@/lib/i18n/navigation";

const items = [
  ["/dashboard", "home", "dashboard.view"],
  ["/dashboard/reports", "reports", "reports.read.all"],
  ["/dashboard/referrals", "referrals", "referrals.read.own"],
  ["/dashboard/users", "users", "users.manage"],
  ["/dashboard/organizations", "organizations", "organizations.manage"],
  ["/dashboard/statistics", "statistics", "statistics.view"],
  ["/dashboard/audit", "audit", "audit.read"],
  ["/dashboard/keys", "keys", "keys.manage"],
] as const satisfies readonly (readonly [string, string, Permission])[];

/** The workspace's sections this role may open; `current` is the path without its language. */
export async function StaffNav({ role, current }: { role: Role; current: string }) {
  const t = await getTranslations("Dashboard");
  const isCurrent = (href: string) =>
    current === href || (href !== "/dashboard" && current.startsWith(`${href}/`));
  return (
    <nav aria-label={t("navLabel")}>
      <ul className="flex gap-x-1 overflow-x-auto whitespace-nowrap [scrollbar-width:thin]">
        {items
          .filter(([, , permission]) => can(role, permission))
          .map(([href, key]) => (
            <li key={key}>
              <Link
                href={href}
                aria-current={isCurrent(href) ? "page" : undefined}
                className="inline-flex min-h-11 items-center border-b-4 border-transparent px-3 font-semibold text-teal-900 no-underline hover:border-teal-700 aria-[current=page]:border-teal-800 aria-[current=page]:text-slate-950"
              >
                {t(`nav.${key}`)}
              </Link>
            </li>
          ))}
      </ul>
    </nav>
  );
}
