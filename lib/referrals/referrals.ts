import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { overdueReferralWhere, type Overdue } from "@/lib/deadlines/overdue";
import { closeHandledReport, lockReport } from "@/lib/reports/close-handled-report";
import type { ReferralOutcome } from "@/lib/generated/prisma/enums";

// An organisation's referrals. Every query is scoped by the caller's organisation in its WHERE,
// so staff of one organisation cannot see or change another's, whatever id they send.

const own = (user: StaffUser) => ({
  organizationId: user.organizationId ?? "00000000-0000-0000-0000-000000000000",
});

/** What the inbox shows: everything, or what the landing page's counts point at. */
export const inboxViews = ["all", "unacknowledged", "overdue", "unread"] as const;
export type InboxView = (typeof inboxViews)[number];

export async function listReferrals(
  user: StaffUser,
  {
    mine = false,
    view = "all",
    overdue,
  }: { mine?: boolean; view?: InboxView; overdue?: Overdue } = {},
) {
  const unread = { fromReporter: true, readAt: null, ...own(user) };
  const narrowed = {
    all: {},
    unacknowledged: { acknowledgedAt: null },
    overdue: overdue ? overdueReferralWhere(overdue) : { id: { in: [] } },
    unread: { report: { messages: { some: unread } } },
  }[view];
  const referrals = await db.referral.findMany({
    // "Assigned to me" and the views narrow the caller's own organisation's referrals; they never widen them.
    where: { ...own(user), ...(mine ? { assigneeId: user.id } : {}), ...narrowed },
    orderBy: [
      { closedAt: { sort: "desc", nulls: "first" } },
      { acknowledgedAt: { sort: "desc", nulls: "first" } },
      { createdAt: "desc" },
    ],
    take: 200,
    select: {
      id: true,
      createdAt: true,
      acknowledgedAt: true,
      acknowledgedById: true,
      closedAt: true,
      outcome: true,
      assignee: { select: { id: true, name: true } },
      report: {
        select: {
          id: true,
          number: true,
          urgency: true,
          createdAt: true,
          // Unread in this organisation's own thread only (lib/followup/threads.ts).
          _count: { select: { messages: { where: unread } } },
        },
      },
    },
  });
  // Who acknowledged: a colleague of the caller's own organisation, named in one query.
  const ids = [
    ...new Set(referrals.flatMap((r) => (r.acknowledgedById ? [r.acknowledgedById] : []))),
  ];
  const names = new Map(
    (
      await db.user.findMany({
        where: { id: { in: ids }, organizationId: own(user).organizationId },
        select: { id: true, name: true },
      })
    ).map((person) => [person.id, person.name]),
  );
  return referrals.map(({ acknowledgedById, ...referral }) => ({
    ...referral,
    acknowledgedBy: acknowledgedById ? (names.get(acknowledgedById) ?? null) : null,
  }));
}

export async function acknowledgeReferral(referralId: string, user: StaffUser): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const referral = await tx.referral.findFirst({
      where: { id: referralId, ...own(user), acknowledgedAt: null },
      select: { reportId: true },
    });
    if (!referral) return false;
    await tx.referral.update({
      where: { id: referralId },
      data: { acknowledgedAt: new Date(), acknowledgedById: user.id },
    });
    await recordAudit(
      {
        action: "referral.acknowledged",
        actorKind: "STAFF",
        actorId: user.id,
        reportId: referral.reportId,
      },
      tx,
    );
    return true;
  });
}

/**
 * Closes a referral with its outcome; when it was the report's last open one, the report is
 * closed too (lib/reports/close-handled-report.ts). Two organisations closing at the same moment
 * are serialised on the report's row, so the report is closed exactly once.
 */
export async function closeReferral(
  referralId: string,
  outcome: ReferralOutcome,
  user: StaffUser,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const referral = await tx.referral.findFirst({
      where: { id: referralId, ...own(user), closedAt: null },
      select: { reportId: true },
    });
    if (!referral) return false;
    await lockReport(tx, referral.reportId);
    const now = new Date();
    // Guarded again under the lock: of two closing the same referral at once, one closes it.
    const closed = await tx.referral.updateMany({
      where: { id: referralId, ...own(user), closedAt: null },
      data: { closedAt: now, closedById: user.id, outcome },
    });
    if (closed.count !== 1) return false;
    // Closing an unacknowledged referral acknowledges it too.
    await tx.referral.updateMany({
      where: { id: referralId, acknowledgedAt: null },
      data: { acknowledgedAt: now, acknowledgedById: user.id },
    });
    await recordAudit(
      {
        action: "referral.closed",
        actorKind: "STAFF",
        actorId: user.id,
        reportId: referral.reportId,
        detail: { outcome },
      },
      tx,
    );
    await closeHandledReport(tx, referral.reportId, user.id);
    return true;
  });
}
