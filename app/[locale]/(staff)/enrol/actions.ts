"use server";

import { headers } from "next/headers";
import { redirect } from "@/lib/i18n/navigation";
import { getLocale } from "next-intl/server";
import QRCode from "qrcode";
import {
  confirmEnrolment,
  signInForEnrolment,
  startEnrolment,
  type Enrolment,
} from "@/lib/auth/enrolment";
import { acceptInvitation } from "@/lib/auth/invitations";
import { getStaffSession } from "@/lib/auth/session";
import { enrolmentPasswordSchema, newPasswordSchema, totpCodeSchema } from "@/lib/validation/staff";
import type { EnrolState } from "@/components/staff/enrolment-state";

async function scanStep(enrolment: Enrolment): Promise<EnrolState> {
  const svg = await QRCode.toString(enrolment.totpUri, {
    type: "svg",
    margin: 1,
    errorCorrectionLevel: "M",
  });
  return {
    step: "scan",
    qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
    secret: enrolment.secret,
    backupCodes: enrolment.backupCodes,
  };
}

function fieldErrorsOf(issues: { path: PropertyKey[]; message: string }[]) {
  return Object.fromEntries(issues.map((issue) => [String(issue.path[0]), issue.message]));
}

// Open to anyone holding a valid invitation link: the token is the credential, checked inside.
// Each action refuses arguments that are not a form before reading them (React decodes whatever
// was posted; reading a forged value would throw, and Next.js would answer 500).
export async function acceptInvitationAction(
  _previous: EnrolState,
  formData: FormData,
): Promise<EnrolState> {
  if (!(formData instanceof FormData)) return { step: "password", error: "failed" };
  const parsed = newPasswordSchema.safeParse({
    password: formData.get("password"),
    confirm: formData.get("confirm"),
  });
  if (!parsed.success) return { step: "password", fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const accepted = await acceptInvitation(
    String(formData.get("token") ?? ""),
    parsed.data.password,
  );
  if (!accepted) return { step: "password", error: "inviteInvalid" };
  const session = await signInForEnrolment(accepted.email, parsed.data.password, await headers());
  const enrolment = session && (await startEnrolment(parsed.data.password, session));
  if (!enrolment) return { step: "password", error: "failed" };
  return scanStep(enrolment);
}

// Only for a signed-in account that has no second factor yet (after a reset, or an interrupted set-up).
export async function startEnrolmentAction(
  _previous: EnrolState,
  formData: FormData,
): Promise<EnrolState> {
  if (!(formData instanceof FormData)) return { step: "password", error: "failed" };
  if ((await getStaffSession()).status !== "needsSecondFactor")
    return { step: "password", error: "failed" };
  const parsed = enrolmentPasswordSchema.safeParse({ password: formData.get("password") });
  if (!parsed.success) return { step: "password", fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const enrolment = await startEnrolment(parsed.data.password, await headers());
  if (!enrolment) return { step: "password", error: "rejected" };
  return scanStep(enrolment);
}

export async function confirmEnrolmentAction(
  _previous: EnrolState,
  formData: FormData,
): Promise<EnrolState> {
  if (!(formData instanceof FormData)) return { step: "scan", error: "failed" };
  const session = await getStaffSession();
  if (session.status !== "needsSecondFactor") return { step: "scan", error: "failed" };
  const parsed = totpCodeSchema.safeParse({ code: formData.get("code") });
  if (
    !parsed.success ||
    !(await confirmEnrolment(parsed.data.code, session.user.id, await headers()))
  )
    return { step: "scan", error: "enrolFailed" };
  redirect({ href: "/dashboard", locale: await getLocale() });
}
