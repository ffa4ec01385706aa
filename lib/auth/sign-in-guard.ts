import "server-only";
import { db } from "@/lib/db";

// The state of staff sign-in, kept on the user rows (so every instance shares it and a restart
// keeps it) and changed only by single statements: concurrent failures are all counted.
// The policy and the reasons for it are at the top of lib/auth/sign-in.ts.

export const lockoutPolicy = {
  /** After this many failures since the last full sign-in, a password alone opens nothing. */
  lockAfter: 8,
  /** For accounts with no second factor yet, the lock lifts this long after it began. */
  lockMinutes: 15,
  /** Second-factor failures (by someone holding the password) that lock the factor… */
  secondFactorLockAfter: 5,
  /** …for this long, and again after every further failure until a sign-in succeeds. */
  secondFactorLockMinutes: 15,
  /** Every refusal is answered no sooner than this after the request began. */
  answerFloorMs: 300,
};

export type SignInCandidate = {
  id: string;
  disabled: boolean;
  /** Failures since the last full sign-in, this attempt included (it counts until it succeeds). */
  attempt: number;
  /** The lock of an account without a second factor as it was before this attempt. */
  lockedBefore: Date | null;
  lastTotpStep: number | null;
  passwordHash: string | null;
  /** The verified TOTP secret and backup codes, as better-auth stores them (encrypted). */
  totpSecret: string | null;
  backupCodes: string | null;
  secondFactorLockedUntil: Date | null;
};

/**
 * Counts this attempt as a failure before anything is checked, and loads what the sign-in decides
 * on — one statement, of the same shape whether or not the e-mail exists. Counting first is what
 * makes the limit hold under concurrency: each of many parallel attempts gets its own number, so
 * no more than `lockAfter` of them can ever learn whether a password was right.
 */
export async function reserveSignInAttempt(email: string): Promise<SignInCandidate | null> {
  const { lockAfter, lockMinutes } = lockoutPolicy;
  const rows = await db.$queryRaw<SignInCandidate[]>`
    WITH old AS (
      SELECT id, "lockedUntil" FROM "User" WHERE email = ${email} FOR UPDATE
    ), u AS (
      UPDATE "User" x
         SET "failedSignIns" = x."failedSignIns" + 1,
             "lockedUntil" = CASE WHEN x."failedSignIns" + 1 >= ${lockAfter}
                                   AND (x."lockedUntil" IS NULL OR x."lockedUntil" <= now() AT TIME ZONE 'UTC')
                                  THEN now() AT TIME ZONE 'UTC' + make_interval(mins => ${lockMinutes}::int)
                                  ELSE x."lockedUntil" END
        FROM old
       WHERE x.id = old.id
       RETURNING x.id, x.disabled, x."failedSignIns" AS attempt, old."lockedUntil" AS "lockedBefore",
                 x."lastTotpStep", x."twoFactorEnabled"
    )
    SELECT u.id, u.disabled, u.attempt, u."lockedBefore", u."lastTotpStep",
           a.password AS "passwordHash", t.secret AS "totpSecret", t."backupCodes",
           t."lockedUntil" AS "secondFactorLockedUntil"
      FROM u
      LEFT JOIN "Account" a ON a."userId" = u.id AND a."providerId" = 'credential' AND a."accountId" = u.id::text
      LEFT JOIN "TwoFactor" t ON t."userId" = u.id AND t.verified AND u."twoFactorEnabled"
     LIMIT 1`;
  return rows[0] ?? null;
}

/**
 * A password alone opens nothing once `lockAfter` failures were counted since the last full
 * sign-in: for an enrolled account until that owner signs in with both factors, for an account
 * without a second factor yet (it has nothing else to show) until `lockMinutes` after the lock.
 */
export function isLocked(candidate: SignInCandidate, now = new Date()): boolean {
  if (candidate.attempt <= lockoutPolicy.lockAfter) return false;
  if (candidate.totpSecret) return true;
  return !!candidate.lockedBefore && candidate.lockedBefore > now;
}

export function isSecondFactorLocked(candidate: SignInCandidate, now = new Date()): boolean {
  return !!candidate.secondFactorLockedUntil && candidate.secondFactorLockedUntil > now;
}

/** A right password on an open account: this attempt was not a failure after all. */
export async function releaseSignInAttempt(userId: string): Promise<void> {
  await db.$executeRaw`
    UPDATE "User" SET "failedSignIns" = GREATEST("failedSignIns" - 1, 0),
                      "lockedUntil" = CASE WHEN "failedSignIns" - 1 >= ${lockoutPolicy.lockAfter} THEN "lockedUntil" END
     WHERE id = ${userId}::uuid`;
}

export type FailureCount = {
  userId: string;
  failedSignIns: number;
  secondFactorFailures: number | null;
} | null;

/**
 * Marks the reserved attempt as a failure (its time is what the owner is told) — one statement,
 * the same for an address that exists and one that does not (it matches no row). With
 * `secondFactor`, the password was right and the code was not: better-auth's own counter of the
 * factor (TwoFactor.failedVerificationCount, which its code step reads too) counts it as well.
 */
export async function confirmSignInFailure(
  email: string,
  secondFactor: boolean,
): Promise<FailureCount> {
  const { secondFactorLockAfter, secondFactorLockMinutes } = lockoutPolicy;
  const rows = await db.$queryRaw<
    { userId: string; failedSignIns: number; secondFactorFailures: number | null }[]
  >`
    WITH u AS (
      UPDATE "User" SET "lastFailedSignInAt" = now() AT TIME ZONE 'UTC'
       WHERE email = ${email}
       RETURNING id, "failedSignIns"
    ), t AS (
      UPDATE "TwoFactor"
         SET "failedVerificationCount" = "failedVerificationCount" + 1,
             "lockedUntil" = CASE WHEN "failedVerificationCount" + 1 >= ${secondFactorLockAfter}
                                  THEN now() AT TIME ZONE 'UTC' + make_interval(mins => ${secondFactorLockMinutes}::int)
                                  ELSE "lockedUntil" END
       WHERE ${secondFactor}::boolean AND "userId" IN (SELECT id FROM u)
       RETURNING "failedVerificationCount"
    )
    SELECT u.id AS "userId", u."failedSignIns", (SELECT max("failedVerificationCount") FROM t) AS "secondFactorFailures" FROM u`;
  return rows[0] ?? null;
}

/** A replayed code at the code step: counted against the factor like a wrong one. */
export async function recordSecondFactorFailure(userId: string): Promise<void> {
  const { secondFactorLockAfter, secondFactorLockMinutes } = lockoutPolicy;
  await db.$executeRaw`
    UPDATE "TwoFactor"
       SET "failedVerificationCount" = "failedVerificationCount" + 1,
           "lockedUntil" = CASE WHEN "failedVerificationCount" + 1 >= ${secondFactorLockAfter}
                                THEN now() AT TIME ZONE 'UTC' + make_interval(mins => ${secondFactorLockMinutes}::int)
                                ELSE "lockedUntil" END
     WHERE "userId" = ${userId}::uuid`;
}

/**
 * A full sign-in (password and second factor) succeeded: the failures since the last one become
 * the notice the owner sees next, and the counters start again. One statement, so a failure
 * counted concurrently is either in this notice or in the next, never lost.
 */
export async function completeSignIn(userId: string): Promise<void> {
  await db.$executeRaw`
    WITH old AS (SELECT id, "failedSignIns", "lastFailedSignInAt" FROM "User" WHERE id = ${userId}::uuid FOR UPDATE)
    UPDATE "User" u
       SET "signInNoticeCount" = u."signInNoticeCount" + old."failedSignIns",
           "signInNoticeLastAt" = COALESCE(old."lastFailedSignInAt", u."signInNoticeLastAt"),
           "failedSignIns" = 0, "lastFailedSignInAt" = NULL, "lockedUntil" = NULL
      FROM old
     WHERE u.id = old.id`;
  await db.twoFactor.updateMany({
    where: { userId },
    data: { failedVerificationCount: 0, lockedUntil: null },
  });
}

export type SignInNotice = { count: number; lastAt: Date };

/** The failed attempts the owner has not been told of yet; taking them clears them (shown once). */
export async function takeSignInNotice(userId: string): Promise<SignInNotice | null> {
  const rows = await db.$queryRaw<{ count: number; lastAt: Date | null }[]>`
    WITH old AS (SELECT id, "signInNoticeCount", "signInNoticeLastAt" FROM "User"
                  WHERE id = ${userId}::uuid AND "signInNoticeCount" > 0 FOR UPDATE)
    UPDATE "User" u SET "signInNoticeCount" = 0, "signInNoticeLastAt" = NULL
      FROM old WHERE u.id = old.id
    RETURNING old."signInNoticeCount" AS count, old."signInNoticeLastAt" AS "lastAt"`;
  const row = rows[0];
  return row ? { count: row.count, lastAt: row.lastAt ?? new Date() } : null;
}
