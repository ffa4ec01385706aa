import { z } from "zod";
import { parsePlacement } from "@/lib/auth/placements";
import { returnPathValue } from "@/lib/auth/return-path";
import { locales } from "@/lib/i18n/routing";

// Staff forms. Error messages are keys under StaffErrors.

const email = z
  .string()
  .trim()
  .toLowerCase()
  .email({ error: "email" })
  .max(254, { error: "email" });

// Where sign-in continues to (lib/auth/return-path.ts): anything that is not one of our dashboard
// paths is dropped, never refused, so a tampered field cannot stop anyone signing in.
const returnTo = z
  .unknown()
  .optional()
  .transform((value) => returnPathValue(value));

export const signInSchema = z.object({
  email,
  password: z
    .string()
    .min(1, { error: "passwordRequired" })
    .max(128, { error: "passwordRequired" }),
  // Offered after a refusal: a TOTP or backup code with the password signs in in one step, and is
  // the only way in once an account is locked against a password alone (lib/auth/sign-in.ts).
  code: z
    .string()
    .trim()
    .max(20, { error: "code" })
    .optional()
    .transform((value) => value || undefined),
  next: returnTo,
});

export const secondFactorSchema = z.object({
  code: z.string().trim().min(6, { error: "code" }).max(20, { error: "code" }),
  kind: z.enum(["totp", "backup"]).default("totp"),
  next: returnTo,
});

const newPasswordSchema = z
  .object({
    password: z
      .string()
      .min(12, { error: "passwordTooShort" })
      .max(128, { error: "passwordTooLong" }),
    confirm: z.string(),
  })
  .refine((value) => value.password === value.confirm, {
    path: ["confirm"],
    error: "passwordsDiffer",
  });

export const enrolmentPasswordSchema = z.object({
  password: z.string().min(1, { error: "passwordRequired" }).max(128),
});

export const totpCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: "code" }),
});

export const inviteStaffSchema = z.object({
  email,
  name: z.string().trim().min(1, { error: "nameRequired" }).max(120, { error: "nameRequired" }),
  // One choice of a valid role/organisation pair (lib/auth/placements.ts).
  placement: z
    .string({ error: "roleRequired" })
    .max(60, { error: "roleRequired" })
    .transform((value, context) => {
      const placement = parsePlacement(value);
      if (!placement) context.addIssue({ code: "custom", message: "roleRequired" });
      return placement ?? z.NEVER;
    }),
  locale: z.enum(locales).default("sl"),
});

export const staffIdSchema = z.object({ userId: z.uuid() });

/** The invitation's token travels in a hidden field: junk becomes "", refused as an unknown invitation. */
export const acceptInvitationSchema = z
  .object({ token: z.string().max(200).catch("") })
  .and(newPasswordSchema);

/** The printed recovery key as typed (lib/crypto/sealing.ts parses it); "code" keeps it from being echoed. */
export const recoverKeySchema = z.object({ recoveryCode: z.string().trim().min(1).max(200) });
