import "server-only";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { OrganizationKeyPair } from "@/lib/keys/organization-keys";
import { routeReport } from "@/lib/referrals/route-report";
import { canTransition } from "@/lib/triage/status";
import { confirmedGroup } from "./list-links";

export type GroupRouting = { routed: number; skipped: number };

/**
 * Routes a report and the reports confirmed as linked to it to the chosen organisations: the
 * existing routing, once per report, to the organisations that do not hold it yet. A report that
 * every chosen organisation holds already, or that cannot be routed (closed, spam), is skipped.
 */
export async function routeLinkedGroup(
  officer: StaffUser,
  reportId: string,
  organizationIds: string[],
  /** The officer's session keys: routing opens each report's content key with them. */
  keys: OrganizationKeyPair[],
): Promise<GroupRouting | null> {
  if (!can(officer.role, "reports.route")) return null;
  const group = [reportId, ...(await confirmedGroup(reportId, officer))];
  const reports = await db.report.findMany({
    where: { id: { in: group } },
    select: { id: true, status: true, referrals: { select: { organizationId: true } } },
  });
  if (!reports.some((report) => report.id === reportId)) return null;
  const result: GroupRouting = { routed: 0, skipped: 0 };
  for (const report of reports) {
    const held = new Set(report.referrals.map((referral) => referral.organizationId));
    const missing = organizationIds.filter((id) => !held.has(id));
    if (!missing.length || !canTransition(report.status, "REFERRED")) {
      result.skipped += 1;
      continue;
    }
    const routed = await routeReport({
      reportId: report.id,
      organizationIds: missing,
      officerId: officer.id,
      keys,
    });
    if (routed.status === "routed") result.routed += 1;
    else result.skipped += 1;
  }
  return result;
}
