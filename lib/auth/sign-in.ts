import "server-only";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { symmetricDecrypt } from "better-auth/crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import {
  keepKeysAfterSecondFactor,
  keepKeysAtSignIn,
  sessionIdOf,
  settleKeysAfterFailedSecondFactor,
} from "@/lib/keys/sign-in-keys";
import type { VaultCookie } from "@/lib/keys/vault-cookie";
import { auth } from "./auth";
import { cookieHeadersFrom } from "./enrolment";
import {
  completeSignIn,
  confirmSignInFailure,
  isLocked,
  isSecondFactorLocked,
  lockoutPolicy,
  releaseSignInAttempt,
  reserveSignInAttempt,
  type SignInCandidate,
} from "./sign-in-guard";
import { matchTotpStep } from "./totp-once";

// Staff sign-in that a stranger cannot count past, turn against its owner, or use to find
// addresses. The design, and why:
//
// - Counting. Every attempt is counted on the user row *before* it is checked (one UPDATE …
//   RETURNING) and released only if the password was right; parallel attempts each get their own
//   number, so at most `lockAfter` of them can ever learn whether a password is right.
// - The lock cannot be turned against the owner. After `lockAfter` failures since the owner last
//   signed in, a password alone opens nothing and the answer is the same refusal whatever the
//   password — no oracle, so guessing on is worthless. The lock does not expire on its own and
//   is not lifted by waiting, so it is not a window to retry in; it is lifted by the owner, who
//   signs in with password *and* second factor in one step (the form offers the code field after
//   any refusal, to everyone, so the field itself tells nothing). Someone who knows only the
//   e-mail cannot produce a valid code and cannot keep the owner out. (An account that has no
//   second factor yet has nothing else to show: its lock lifts `lockMinutes` after it began.)
// - Failures at the second factor after a right password lock that factor harder (5 lock it for
//   15 minutes; in this one-step path each further failure locks it again until a sign-in
//   succeeds; better-auth's own TwoFactor counters, shared with its code step): whoever makes
//   them holds the password, and 10^6 codes must not be guessable at network speed. That can
//   keep the owner out — deliberately: the password is then known to someone else and an
//   administrator must reset it; the audit log says so (auth.secondFactorLockedOut).
// - No per-account slow-down: a delay that grows for a real account and not for an unknown one
//   tells a stranger which addresses exist. Instead every refusal is answered no sooner than
//   `answerFloorMs`, and an unknown address does the same work: the same statements (which match
//   no row), a real scrypt verification against a dummy hash made with the same parameters, and
//   the code check against a dummy secret.
// - The owner is told. At the next full sign-in the count and time of the failures become a
//   notice shown once on the dashboard, and the counter starts again.
// - Every TOTP code is accepted once (lib/auth/totp-once.ts), in both steps.
//
// Checked against better-auth 1.7's own flow: `signInEmail` turns a right password into a
// code-step cookie at once (its two-factor hook), so the locked and one-step paths verify the
// password and code here first and call it only when both hold; its code step counts failures
// per account atomically and removes a used backup code with a compare-and-set, but keeps no
// record of used TOTP steps.

export { lockoutPolicy };
export type SignInOutcome = "signedIn" | "secondFactor" | "enrol" | "rejected";

type AuthContext = Awaited<ReturnType<typeof auth>["$context"]>;

let dummy: Promise<{ hash: string; secret: string }> | undefined;
/** A password hash and TOTP secret no one knows, made the way real ones are (same parameters). */
function dummyCredentials(context: AuthContext) {
  dummy ??= context.password
    .hash(randomBytes(24).toString("hex"))
    .then((hash) => ({ hash, secret: randomBytes(20).toString("hex") }));
  return dummy;
}

async function passwordMatches(
  context: AuthContext,
  hash: string | null,
  password: string,
): Promise<boolean> {
  const { hash: dummyHash } = await dummyCredentials(context);
  try {
    const matches = await context.password.verify({ hash: hash ?? dummyHash, password });
    return matches && hash !== null;
  } catch {
    return false;
  }
}

type SecondFactor = { kind: "totp" | "backup"; code: string; valid: boolean };

/** Checks a code without using it up (better-auth uses it up when the session is made). */
async function checkSecondFactor(
  context: AuthContext,
  candidate: SignInCandidate | null,
  input: string,
): Promise<SecondFactor> {
  const { secret: dummySecret } = await dummyCredentials(context);
  const decrypt = async (data: string | null, fallback: string) => {
    if (!data) return fallback;
    try {
      return await symmetricDecrypt({ key: context.secretConfig, data });
    } catch {
      return fallback;
    }
  };
  const open = !!candidate?.totpSecret && !isSecondFactorLocked(candidate);
  const totpCode = input.replace(/\s/g, "");
  if (/^\d{6}$/.test(totpCode)) {
    const step = matchTotpStep(await decrypt(candidate?.totpSecret ?? null, dummySecret), totpCode);
    const unused =
      step !== null && (candidate?.lastTotpStep == null || step > candidate.lastTotpStep);
    return { kind: "totp", code: totpCode, valid: open && unused };
  }
  const backupCode = input.trim();
  let codes: unknown = [];
  try {
    codes = JSON.parse(await decrypt(candidate?.backupCodes ?? null, "[]"));
  } catch {
    codes = [];
  }
  return {
    kind: "backup",
    code: backupCode,
    valid: open && Array.isArray(codes) && codes.includes(backupCode),
  };
}

/**
 * Password and code in one step: better-auth makes the session (and uses the code up). Returns
 * the new session's token, or null.
 */
async function signInWithBothFactors(
  email: string,
  password: string,
  factor: SecondFactor,
  headers: Headers,
): Promise<string | null> {
  try {
    const first = await auth().api.signInEmail({
      body: { email, password },
      headers,
      returnHeaders: true,
    });
    const challenge = cookieHeadersFrom(first.headers);
    const result =
      factor.kind === "totp"
        ? await auth().api.verifyTOTP({ body: { code: factor.code }, headers: challenge })
        : await auth().api.verifyBackupCode({ body: { code: factor.code }, headers: challenge });
    return (result as { token?: string }).token ?? "";
  } catch {
    return null;
  }
}

/**
 * The sign-in form: e-mail and password, and, when given, a TOTP or backup code. Answers the same
 * refusal for an unknown address, a wrong password, a locked account and a wrong code. With a
 * vault cookie, the member's organisation keys are opened and kept for the session.
 */
export async function signInWithPassword(
  emailInput: string,
  password: string,
  headers: Headers,
  code?: string,
  vault?: VaultCookie,
): Promise<SignInOutcome> {
  const started = performance.now();
  const email = emailInput.trim().toLowerCase();
  const context = await auth().$context;
  const candidate = await reserveSignInAttempt(email);
  const passwordRight = await passwordMatches(context, candidate?.passwordHash ?? null, password);
  const factor = code ? await checkSecondFactor(context, candidate, code) : null;
  const open = !!candidate && !candidate.disabled && passwordRight;

  const token =
    open && factor?.valid ? await signInWithBothFactors(email, password, factor, headers) : null;
  if (open && factor && token !== null) {
    await releaseSignInAttempt(candidate.id);
    await completeSignIn(candidate.id);
    await keepKeysAtSignIn(vault, candidate.id, password, await sessionIdOf(token));
    await recordAudit({
      action: factor.kind === "totp" ? "auth.signedIn" : "auth.signedInWithBackupCode",
      actorKind: "STAFF",
      actorId: candidate.id,
    });
    return "signedIn";
  }
  if (open && !factor && !isLocked(candidate)) {
    await releaseSignInAttempt(candidate.id);
    const result = await auth()
      .api.signInEmail({ body: { email, password }, headers })
      .catch(() => null);
    if (result && "twoFactorRedirect" in result && result.twoFactorRedirect) {
      await keepKeysAtSignIn(vault, candidate.id, password, null);
      await recordAudit({
        action: "auth.passwordAccepted",
        actorKind: "STAFF",
        actorId: candidate.id,
      });
      return "secondFactor";
    }
    if (result) {
      // No keys are opened for enrolment: finishing it replaces this session with a new one
      // (and the vault would go with it), so the member opens them at their next sign-in.
      await recordAudit({
        action: "auth.signedInForEnrolment",
        actorKind: "STAFF",
        actorId: candidate.id,
      });
      return "enrol";
    }
  }

  const reason = !candidate
    ? "unknownAccount"
    : candidate.disabled
      ? "disabled"
      : !passwordRight
        ? "wrongPassword"
        : factor
          ? "secondFactor"
          : "locked";
  const count = await confirmSignInFailure(email, reason === "secondFactor");
  const action =
    count?.failedSignIns === lockoutPolicy.lockAfter
      ? "auth.lockedOut"
      : count?.secondFactorFailures === lockoutPolicy.secondFactorLockAfter
        ? "auth.secondFactorLockedOut"
        : reason === "locked"
          ? "auth.signInWhileLocked"
          : "auth.signInFailed";
  await recordAudit({
    action,
    actorKind: count ? "STAFF" : "SYSTEM",
    actorId: count?.userId ?? null,
    detail: { reason, failures: count?.failedSignIns ?? 0 },
  });
  const wait = lockoutPolicy.answerFloorMs - (performance.now() - started);
  if (wait > 0) await sleep(wait);
  return "rejected";
}

/**
 * The code step after a password alone: completes a sign-in with a TOTP code or a backup code.
 * The keys the password step opened move into the new session's vault. A mistyped code leaves
 * them waiting (until the code step expires); a second factor locked by failures drops them.
 */
export async function verifySecondFactor(
  code: string,
  kind: "totp" | "backup",
  headers: Headers,
  vault?: VaultCookie,
): Promise<boolean> {
  let result: unknown;
  try {
    result =
      kind === "totp"
        ? await auth().api.verifyTOTP({ body: { code: code.replace(/\s/g, "") }, headers })
        : await auth().api.verifyBackupCode({ body: { code: code.trim() }, headers });
  } catch {
    await settleKeysAfterFailedSecondFactor(vault);
    await recordAudit({ action: "auth.secondFactorFailed", actorKind: "SYSTEM" });
    return false;
  }
  const { user, token } = result as { user?: { id?: string }; token?: string };
  const userId = user?.id ?? null;
  if (userId) {
    await completeSignIn(userId);
    await keepKeysAfterSecondFactor(vault, userId, token);
  }
  await recordAudit({
    action: kind === "totp" ? "auth.signedIn" : "auth.signedInWithBackupCode",
    actorKind: "STAFF",
    actorId: userId,
  });
  return true;
}

export async function signOut(headers: Headers): Promise<void> {
  try {
    await auth().api.signOut({ headers });
  } catch {
    // Already signed out: nothing to end.
  }
}
