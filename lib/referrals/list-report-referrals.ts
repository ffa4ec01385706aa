import "server-only";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/validation/uuid";

// Where each report of a list page was actually sent, and what came of it: organisation, state,
// outcome. Scope is in the query: triage sees every referral, organisation staff their own.

const maxReports = 200;

function referralScope(user: StaffUser): Prisma.ReferralWhereInput {
  if (can(user.role, "reports.read.all")) return {};
  if (can(user.role, "referrals.read.own") && user.organizationId)
    return { organizationId: user.organizationId };
  return { id: { in: [] } };
}

/** A referral's state: sent and waiting, acknowledged, or closed with an outcome. */
function stateOf(referral: { acknowledgedAt: Date | null; closedAt: Date | null }) {
  if (referral.closedAt) return "closed" as const;
  return referral.acknowledgedAt ? ("acknowledged" as const) : ("waiting" as const);
}

/**
 * The referrals of the given reports (a page of the list: at most 200), in routing order, keyed
 * by report id; a report without referrals (or none in the caller's scope) maps to [].
 */
export async function listReportReferrals(reportIds: string[], user: StaffUser) {
  const ids = [...new Set(reportIds)].filter(isUuid).slice(0, maxReports);
  const rows = await db.referral.findMany({
    where: { AND: [{ reportId: { in: ids } }, referralScope(user)] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      reportId: true,
      createdAt: true,
      acknowledgedAt: true,
      closedAt: true,
      outcome: true,
      organization: { select: { id: true, slug: true, nameSl: true, nameEn: true, nameUk: true } },
    },
  });
  const byReport: Record<
    string,
    (Omit<(typeof rows)[number], "reportId"> & { state: ReturnType<typeof stateOf> })[]
  > = Object.fromEntries(ids.map((id) => [id, []]));
  for (const { reportId, ...referral } of rows)
    byReport[reportId]?.push({ ...referral, state: stateOf(referral) });
  return byReport;
}
