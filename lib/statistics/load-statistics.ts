import "server-only";
import type { StaffUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { statistics } from "@/lib/config";
import { db } from "@/lib/db";
import type { Locale } from "@/lib/i18n/routing";
import type { Period } from "./period";
import { queryStatistics } from "./query-statistics";
import { buildStatisticsView, type StatisticsView } from "./statistics-view";
import { organizationName } from "@/lib/organizations/list-organizations";

export type StatisticsPage = StatisticsView & {
  period: Period;
  /** Organisation id → its name in the reader's language, for the route table. */
  organizationNames: Record<string, string>;
};

/**
 * The published statistics for a period, suppressed. The caller's role is checked here as well
 * as by the page and the CSV route: figures over every report are for triage and administrators,
 * never for one organisation's staff (their own counts would single out their own cases).
 */
export async function loadStatistics(
  user: Pick<StaffUser, "role">,
  period: Period,
  locale: Locale,
): Promise<StatisticsPage | null> {
  if (!can(user.role, "statistics.view")) return null;
  const [raw, organizations] = await Promise.all([
    queryStatistics(period),
    db.organization.findMany({
      orderBy: [{ sortOrder: "asc" }, { slug: "asc" }],
      select: { id: true, nameSl: true, nameEn: true, nameUk: true },
    }),
  ]);
  return {
    ...buildStatisticsView(
      raw,
      organizations.map((o) => o.id),
      statistics.minCell(),
    ),
    period,
    organizationNames: Object.fromEntries(
      organizations.map((o) => [o.id, organizationName(o, locale)]),
    ),
  };
}
