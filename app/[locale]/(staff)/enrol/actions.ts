"use server";

import { redirect } from "@/lib/i18n/navigation";
import { getLocale } from "next-intl/server";
import QRCode from "qrcode";
import { credentialAction, type CredentialFormState } from "@/lib/actions/credential-action";
import { done, refuse } from "@/lib/actions/posted-fields";
import {
  confirmEnrolment,
  signInForEnrolment,
  startEnrolment,
  type Enrolment,
} from "@/lib/auth/enrolment";
import { acceptInvitation } from "@/lib/auth/invitations";
import {
  acceptInvitationSchema,
  enrolmentPasswordSchema,
  totpCodeSchema,
} from "@/lib/validation/staff";

/** What the scan step shows, once: the QR code, the secret typed by hand, the backup codes. */
export type EnrolmentScan = { qr: string; secret: string; backupCodes: string[] };
/** The password step (a new password from an invitation, or the current one); done = scan step. */
export type EnrolmentState = CredentialFormState<typeof enrolmentPasswordSchema, EnrolmentScan>;
export type ConfirmEnrolmentState = CredentialFormState<typeof totpCodeSchema>;

async function scanOf(enrolment: Enrolment): Promise<EnrolmentScan> {
  const svg = await QRCode.toString(enrolment.totpUri, {
    type: "svg",
    margin: 1,
    errorCorrectionLevel: "M",
  });
  return {
    qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
    secret: enrolment.secret,
    backupCodes: enrolment.backupCodes,
  };
}

// Open to anyone holding a valid invitation link: the token is the credential, checked inside.
export const acceptInvitationAction = credentialAction({
  name: "acceptInvitation",
  guard: "anyone",
  schema: acceptInvitationSchema,
  handler: async (input, { headers }) => {
    const accepted = await acceptInvitation(input.token, input.password);
    if (!accepted) return refuse("notFound");
    const session = await signInForEnrolment(accepted.email, input.password, headers);
    const enrolment = session && (await startEnrolment(input.password, session));
    if (!enrolment) return refuse("failed");
    return done(await scanOf(enrolment));
  },
});

// Only for a signed-in account that has no second factor yet (after a reset, or an interrupted set-up).
export const startEnrolmentAction = credentialAction({
  name: "startEnrolment",
  guard: "enrolling",
  schema: enrolmentPasswordSchema,
  handler: async (input, { headers }) => {
    const enrolment = await startEnrolment(input.password, headers);
    if (!enrolment) return refuse("forbidden");
    return done(await scanOf(enrolment));
  },
});

export const confirmEnrolmentAction = credentialAction({
  name: "confirmEnrolment",
  guard: "enrolling",
  schema: totpCodeSchema,
  handler: async (input, { headers, user }) => {
    if (!(await confirmEnrolment(input.code, user.id, headers))) return refuse("forbidden");
    redirect({ href: "/dashboard", locale: await getLocale() });
  },
});
