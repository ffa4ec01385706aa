import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { ReferralOutcome } from "@/lib/generated/prisma/enums";

// An organisation's referrals. Every query is scoped by the caller's organisation in its WHERE,
// so staff of one organisation cannot see or change another's, whatever id they send.

const own = (user: StaffUser) => ({
  organizationId: user.organizationId ?? "00000000-0000-0000-0000-000000000000",
});

export async function listReferrals(user: StaffUser) {
  return db.referral.findMany({
    where: own(user),
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
      closedAt: true,
      outcome: true,
      report: {
        select: {
          id: true,
          number: true,
          urgency: true,
          createdAt: true,
          _count: { select: { messages: { where: { fromReporter: true, readAt: null } } } },
        },
      },
    },
  });
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

export async function closeReferral(
  referralId: string,
  outcome: ReferralOutcome,
  user: StaffUser,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const referral = await tx.referral.findFirst({
      where: { id: referralId, ...own(user), closedAt: null },
      select: { reportId: true, acknowledgedAt: true },
    });
    if (!referral) return false;
    const now = new Date();
    // Closing an unacknowledged referral acknowledges it too.
    await tx.referral.update({
      where: { id: referralId },
      data: {
        closedAt: now,
        closedById: user.id,
        outcome,
        ...(referral.acknowledgedAt ? {} : { acknowledgedAt: now, acknowledgedById: user.id }),
      },
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
    return true;
  });
}
