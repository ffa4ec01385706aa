import "server-only";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import { listOpenDeadlineItems, type DeadlineItem } from "./open-items";
import { deadlineSettings, deadlineState, type DeadlineSettings } from "./rules";

// What the lists need: which reports and referrals are overdue for this staff member. Triage sees
// every overdue item; organisation staff only the items their organisation must act on (its
// referrals' acknowledgements, its own thread's unanswered messages); anyone else nothing.

export type Overdue = {
  /** Report id → its overdue items (a report is overdue when this has it). */
  reports: Map<string, DeadlineItem[]>;
  /** Referrals waiting past the acknowledgement deadline. */
  referralIds: Set<string>;
};

export async function findOverdue(
  user: StaffUser,
  {
    now = new Date(),
    settings = deadlineSettings(),
  }: { now?: Date; settings?: DeadlineSettings } = {},
): Promise<Overdue> {
  const overdue: Overdue = { reports: new Map(), referralIds: new Set() };
  let scope: { organizationId?: string };
  if (can(user.role, "reports.read.all")) scope = {};
  else if (can(user.role, "referrals.read.own") && user.organizationId)
    scope = { organizationId: user.organizationId };
  else return overdue;
  for (const item of await listOpenDeadlineItems(settings, scope)) {
    if (deadlineState(item, now) !== "overdue") continue;
    overdue.reports.set(item.reportId, [...(overdue.reports.get(item.reportId) ?? []), item]);
    if (item.kind === "acknowledge") overdue.referralIds.add(item.subjectId);
  }
  return overdue;
}

/** The list filter "overdue" as a Prisma condition on Report: the reports `findOverdue` found. */
export function overdueReportWhere(overdue: Overdue) {
  return { id: { in: [...overdue.reports.keys()] } };
}

/**
 * The referrals counted as overdue, as a Prisma condition on Referral: their own deadline passed
 * (acknowledgement) or one of their report's. The landing page counts these; the inbox lists them.
 */
export function overdueReferralWhere(overdue: Overdue) {
  return {
    OR: [
      { id: { in: [...overdue.referralIds] } },
      { reportId: { in: [...overdue.reports.keys()] } },
    ],
  };
}
