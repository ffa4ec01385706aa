import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";

// Administrators' changes to staff accounts. Each ends the person's sessions in the same
// transaction, so a disabled account or a reset second factor takes effect at once.

export async function setStaffDisabled(
  userId: string,
  disabled: boolean,
  adminId: string,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { id: userId, NOT: { id: adminId } },
      data: { disabled },
    });
    if (updated.count !== 1) return false;
    if (disabled) await tx.session.deleteMany({ where: { userId } });
    await recordAudit(
      {
        action: disabled ? "staff.disabled" : "staff.enabled",
        actorKind: "STAFF",
        actorId: adminId,
        detail: { userId },
      },
      tx,
    );
    return true;
  });
}

export async function resetSecondFactor(userId: string, adminId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    // A new secret starts at no used step, and the owner, who enrols again, starts with a clean count.
    const updated = await tx.user.updateMany({
      where: { id: userId },
      data: { twoFactorEnabled: false, lastTotpStep: null, failedSignIns: 0, lockedUntil: null },
    });
    if (updated.count !== 1) return false;
    await tx.twoFactor.deleteMany({ where: { userId } });
    await tx.session.deleteMany({ where: { userId } });
    await recordAudit(
      {
        action: "staff.secondFactorReset",
        actorKind: "STAFF",
        actorId: adminId,
        detail: { userId },
      },
      tx,
    );
    return true;
  });
}

export async function endAllSessions(userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.session.deleteMany({ where: { userId } });
    await recordAudit(
      { action: "auth.signedOutEverywhere", actorKind: "STAFF", actorId: userId },
      tx,
    );
  });
}

export async function listStaff() {
  return db.user.findMany({
    orderBy: [{ disabled: "asc" }, { email: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      twoFactorEnabled: true,
      lockedUntil: true,
      failedSignIns: true,
      organization: { select: { nameSl: true, nameEn: true, nameUk: true } },
    },
  });
}
