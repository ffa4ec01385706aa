import "server-only";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { findOverdue, overdueReferralWhere, overdueReportWhere } from "@/lib/deadlines/overdue";
import { reportScope } from "@/lib/reports/report-scope";
import { sortByUrgencyThenOverdue, type DeadlineSettings } from "@/lib/deadlines/rules";

// What waits for this person when they sign in (the dashboard's home): triage sees new and
// overdue reports, organisation staff their organisation's unacknowledged and overdue referrals,
// administrators no case at all (they read no report). Scope is in every query's WHERE, as in the
// lists this page links to; the counts never reach past what those lists would show.

/** How many items the landing page names; the counts cover all of them. */
const shown = 5;
const open = { in: ["NEW", "IN_TRIAGE", "REFERRED"] as ("NEW" | "IN_TRIAGE" | "REFERRED")[] };
const reportSelect = { id: true, number: true, createdAt: true, urgency: true } as const;

type Clock = { now?: Date; settings?: DeadlineSettings };

export type LandingQueue =
  | {
      kind: "triage";
      newCount: number;
      overdueCount: number;
      mineCount: number;
      first: {
        id: string;
        number: number;
        createdAt: Date;
        urgency: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW";
        status: string;
        overdue: boolean;
      }[];
    }
  | {
      kind: "organization";
      unacknowledgedCount: number;
      overdueCount: number;
      unreadCount: number;
      first: {
        id: string;
        createdAt: Date;
        acknowledged: boolean;
        overdue: boolean;
        urgency: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW";
        report: { id: string; number: number; createdAt: Date };
      }[];
    }
  | { kind: "none" };

export async function getLandingQueue(user: StaffUser, clock: Clock = {}): Promise<LandingQueue> {
  if (can(user.role, "reports.read.all")) return triageQueue(user, clock);
  if (can(user.role, "referrals.read.own") && user.organizationId)
    return organizationQueue(user, user.organizationId, clock);
  return { kind: "none" };
}

async function triageQueue(user: StaffUser, clock: Clock): Promise<LandingQueue> {
  const overdue = await findOverdue(user, clock);
  // Triage's scope is every report today; it is in the WHERE all the same, as everywhere.
  const scope = reportScope(user);
  const [newCount, mineCount, waiting] = await Promise.all([
    db.report.count({ where: { AND: [scope, { status: "NEW" }] } }),
    db.report.count({ where: { AND: [scope, { assigneeId: user.id, status: open }] } }),
    db.report.findMany({
      where: {
        AND: [
          scope,
          { OR: [{ status: "NEW" }, { AND: [overdueReportWhere(overdue), { status: open }] }] },
        ],
      },
      orderBy: [{ urgency: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      // Enough that every critical and overdue one can be among the first few after sorting.
      take: 200,
      select: { ...reportSelect, status: true },
    }),
  ]);
  const first = sortByUrgencyThenOverdue(waiting, (row) => overdue.reports.has(row.id))
    .slice(0, shown)
    .map((row) => ({ ...row, overdue: overdue.reports.has(row.id) }));
  return { kind: "triage", newCount, overdueCount: overdue.reports.size, mineCount, first };
}

async function organizationQueue(
  user: StaffUser,
  organizationId: string,
  clock: Clock,
): Promise<LandingQueue> {
  const overdue = await findOverdue(user, clock);
  const own = { organizationId, closedAt: null };
  // A referral is overdue when its acknowledgement is, or when a reporter's message in this
  // organisation's own thread has waited past the answer deadline (both found in findOverdue's
  // organisation scope).
  const overdueWhere = { ...own, ...overdueReferralWhere(overdue) };
  const [unacknowledgedCount, overdueCount, unreadCount, waiting] = await Promise.all([
    db.referral.count({ where: { ...own, acknowledgedAt: null } }),
    db.referral.count({ where: overdueWhere }),
    db.message.count({
      where: {
        organizationId,
        fromReporter: true,
        readAt: null,
        report: { referrals: { some: own } },
      },
    }),
    db.referral.findMany({
      where: { OR: [{ ...own, acknowledgedAt: null }, overdueWhere] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 200,
      select: {
        id: true,
        createdAt: true,
        acknowledgedAt: true,
        report: { select: reportSelect },
      },
    }),
  ]);
  const late = (row: (typeof waiting)[number]) =>
    overdue.referralIds.has(row.id) || overdue.reports.has(row.report.id);
  const first = sortByUrgencyThenOverdue(
    waiting.map((row) => ({ ...row, urgency: row.report.urgency })),
    late,
  )
    .slice(0, shown)
    .map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      acknowledged: row.acknowledgedAt !== null,
      overdue: late(row),
      urgency: row.urgency,
      report: row.report,
    }));
  return { kind: "organization", unacknowledgedCount, overdueCount, unreadCount, first };
}
