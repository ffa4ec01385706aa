import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { auth } from "./auth";
import { completeSignIn } from "./sign-in-guard";

// Enrolling the second factor: better-auth creates the TOTP secret (stored encrypted) and the
// backup codes; the account counts as enrolled only after a first code is verified.

export type Enrolment = { totpUri: string; secret: string; backupCodes: string[] };

/** Starts enrolment for the signed-in (password-only) user whose session the headers carry. */
export async function startEnrolment(
  password: string,
  headers: Headers,
): Promise<Enrolment | null> {
  try {
    const result = await auth().api.enableTwoFactor({ body: { password }, headers });
    if (result.method !== "totp") return null;
    const secret = new URL(result.totpURI).searchParams.get("secret") ?? "";
    return { totpUri: result.totpURI, secret, backupCodes: result.backupCodes };
  } catch {
    return null;
  }
}

export async function confirmEnrolment(
  code: string,
  userId: string,
  headers: Headers,
): Promise<boolean> {
  try {
    await auth().api.verifyTOTP({ body: { code: code.replace(/\s/g, "") }, headers });
  } catch {
    return false;
  }
  // Password and a first code: a full sign-in, after which a password alone opens nothing again.
  await completeSignIn(userId);
  await recordAudit({ action: "auth.secondFactorEnrolled", actorKind: "STAFF", actorId: userId });
  return true;
}

/** Request headers carrying the cookies a response set, for the next call in the same request. */
export function cookieHeadersFrom(response: Headers): Headers {
  return new Headers({
    cookie: response
      .getSetCookie()
      .map((cookie) => cookie.split(";")[0])
      .join("; "),
  });
}

/** Signs in right after an invitation was accepted and returns headers carrying the new session. */
export async function signInForEnrolment(
  email: string,
  password: string,
  requestHeaders: Headers,
): Promise<Headers | null> {
  try {
    const { headers } = await auth().api.signInEmail({
      body: { email, password },
      headers: requestHeaders,
      returnHeaders: true,
    });
    return cookieHeadersFrom(headers);
  } catch {
    return null;
  }
}
