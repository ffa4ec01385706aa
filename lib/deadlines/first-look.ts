import "server-only";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";

/**
 * Records triage's first look at a report: only the first opening by a triage officer counts, set
 * by one conditional UPDATE so two officers opening it at once leave the first time and person.
 * Returns whether this call was the first look.
 */
export async function markReportSeen(
  reportId: string,
  user: StaffUser,
  now = new Date(),
): Promise<boolean> {
  if (!can(user.role, "reports.read.all")) return false;
  const { count } = await db.report.updateMany({
    where: { id: reportId, firstSeenAt: null },
    data: { firstSeenAt: now, firstSeenById: user.id },
  });
  return count === 1;
}
