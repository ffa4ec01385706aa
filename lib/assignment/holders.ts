import "server-only";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { assigneeSelect } from "./assign";

// Who holds a report and each of its referrals, for the report page. Scoped like the page:
// triage sees every referral's holder, organisation staff their own organisation's only.

export async function getHolders(reportId: string, user: StaffUser) {
  const referralScope = can(user.role, "reports.read.all")
    ? {}
    : { organizationId: user.organizationId ?? "" };
  const report = await db.report.findFirst({
    where: { id: reportId },
    select: {
      assignee: assigneeSelect,
      referrals: { where: referralScope, select: { id: true, assignee: assigneeSelect } },
    },
  });
  return {
    report: report?.assignee ?? null,
    referrals: new Map((report?.referrals ?? []).map((r) => [r.id, r.assignee])),
  };
}
