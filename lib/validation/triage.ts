import { z } from "zod";
import { ReferralOutcome } from "@/lib/generated/prisma/enums";

// Staff triage forms. Error messages are keys under Triage.

const list = <T extends z.ZodType>(item: T) =>
  z
    .union([item, z.array(item)])
    .transform((value) => (Array.isArray(value) ? value : [value]) as z.output<T>[]);

// Routing carries no note: notes to a recipient are their own action on its referral
// (referralNoteSchema), so writing one can never send the report anywhere.
export const routeSchema = z.object({
  reportId: z.uuid(),
  organizationIds: list(z.uuid()).pipe(z.array(z.uuid()).min(1, { error: "organizations" }).max(4)),
});

export const statusSchema = z
  .object({
    reportIds: list(z.uuid()).pipe(z.array(z.uuid()).min(1).max(200)),
    to: z.enum(["IN_TRIAGE", "CLOSED", "SPAM"]),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((value) => value.to === "IN_TRIAGE" || !!value.reason, {
    path: ["reason"],
    error: "closeReasonHint",
  });

export const noteSchema = z.object({
  reportId: z.uuid(),
  body: z.string().trim().min(1).max(2000),
});

export const referralSchema = z.object({ referralId: z.uuid() });

export const closeReferralSchema = z.object({
  referralId: z.uuid(),
  outcome: z.enum(ReferralOutcome),
});

export const messageSchema = z.object({
  reportId: z.uuid(),
  body: z.string().trim().min(1).max(5000),
});

/** Taking or releasing a report or a referral: the one id of what is taken. */
export const assignmentSchema = z.object({ id: z.uuid() });

/** Handing on names the holder the caller saw ("" when nobody held it): a stale page loses. */
export const handOnSchema = z.object({
  id: z.uuid(),
  to: z.uuid({ error: "assignee" }),
  expectedHolderId: z
    .string()
    .optional()
    .transform((value) => value || null)
    .pipe(z.uuid().nullable()),
});

/** A note on a referral, for triage and the receiving organisation (lib/referrals/referral-notes.ts). */
export const referralNoteSchema = z.object({
  referralId: z.uuid(),
  body: z.string().trim().min(1).max(2000),
});
