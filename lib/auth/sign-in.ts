import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { auth } from "./auth";

// Password sign-in with a per-account slow-down and lockout. Every failure answers the same way
// whether or not the e-mail exists, and takes at least the same time.

export const lockoutPolicy = {
  /** From this many consecutive failures on, each attempt waits longer before answering. */
  slowDownAfter: 3,
  /** This many consecutive failures lock the account for `lockMinutes`. */
  lockAfter: 8,
  lockMinutes: 15,
  baseDelayMs: 250,
  maxDelayMs: 4000,
};

export type SignInOutcome = "secondFactor" | "enrol" | "rejected";

export function delayFor(failures: number): number {
  const { slowDownAfter, baseDelayMs, maxDelayMs } = lockoutPolicy;
  if (failures < slowDownAfter) return baseDelayMs;
  return Math.min(maxDelayMs, baseDelayMs * 2 ** (failures - slowDownAfter + 1));
}

export async function signInWithPassword(emailInput: string, password: string, headers: Headers): Promise<SignInOutcome> {
  const email = emailInput.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { email }, select: { id: true, disabled: true, failedSignIns: true, lockedUntil: true } });
  await sleep(delayFor(user?.failedSignIns ?? 0));

  if (!user || user.disabled) {
    await recordAudit({ action: "auth.signInFailed", actorKind: "SYSTEM", detail: { reason: user ? "disabled" : "unknownAccount" } });
    return "rejected";
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await recordAudit({ action: "auth.signInWhileLocked", actorKind: "STAFF", actorId: user.id });
    return "rejected";
  }

  let result: Awaited<ReturnType<ReturnType<typeof auth>["api"]["signInEmail"]>>;
  try {
    result = await auth().api.signInEmail({ body: { email, password }, headers });
  } catch {
    const failures = user.failedSignIns + 1;
    const lock = failures >= lockoutPolicy.lockAfter;
    await db.user.update({
      where: { id: user.id },
      data: { failedSignIns: failures, lockedUntil: lock ? new Date(Date.now() + lockoutPolicy.lockMinutes * 60_000) : undefined },
    });
    await recordAudit({ action: lock ? "auth.lockedOut" : "auth.signInFailed", actorKind: "STAFF", actorId: user.id, detail: { failures } });
    return "rejected";
  }

  await db.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null } });
  if ("twoFactorRedirect" in result && result.twoFactorRedirect) {
    await recordAudit({ action: "auth.passwordAccepted", actorKind: "STAFF", actorId: user.id });
    return "secondFactor";
  }
  await recordAudit({ action: "auth.signedInForEnrolment", actorKind: "STAFF", actorId: user.id });
  return "enrol";
}

/** Completes a sign-in with a TOTP code or a backup code. */
export async function verifySecondFactor(code: string, kind: "totp" | "backup", headers: Headers): Promise<boolean> {
  try {
    const result =
      kind === "totp"
        ? await auth().api.verifyTOTP({ body: { code: code.replace(/\s/g, "") }, headers })
        : await auth().api.verifyBackupCode({ body: { code: code.trim() }, headers });
    const userId = (result as { user?: { id?: string } }).user?.id ?? null;
    await recordAudit({ action: kind === "totp" ? "auth.signedIn" : "auth.signedInWithBackupCode", actorKind: "STAFF", actorId: userId });
    return true;
  } catch {
    await recordAudit({ action: "auth.secondFactorFailed", actorKind: "SYSTEM" });
    return false;
  }
}

export async function signOut(headers: Headers): Promise<void> {
  try {
    await auth().api.signOut({ headers });
  } catch {
    // Already signed out: nothing to end.
  }
}
