import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";

/**
 * The reports a staff member may see, as a Prisma filter: triage sees all (administrators none);
 * organisation staff only reports routed to their organisation. Anyone else matches nothing, so
 * a query that forgets a check returns nothing rather than everything.
 */
export function reportScope(user: StaffUser): Prisma.ReportWhereInput {
  if (can(user.role, "reports.read.all")) return {};
  if (can(user.role, "referrals.read.own") && user.organizationId) {
    return { referrals: { some: { organizationId: user.organizationId } } };
  }
  return { id: { in: [] } };
}
