import { z } from "zod";
import { checkReceipt } from "./receipt-code";

// Follow-up forms. Error messages are keys under FollowUp.errors.

/**
 * A typed receipt, checked on its own (length, check digits) before anything that costs a guess:
 * a typo is answered at once, and the code is sent back with the groups to look at. Issues carry
 * `params`: `count` (digits typed) for receiptLength, `groups` (1-based) for receiptGroups.
 */
export const receiptEntrySchema = z.object({
  receipt: z
    .string()
    .trim()
    .min(1, { error: "receiptRequired" })
    .max(100, { error: "receiptWrong" })
    .superRefine((value, context) => {
      const checked = checkReceipt(value);
      if (checked.status === "notDigits")
        context.addIssue({ code: "custom", message: "receiptNotDigits" });
      if (checked.status === "length")
        context.addIssue({
          code: "custom",
          message: "receiptLength",
          params: { count: checked.count },
        });
      if (checked.status === "groups")
        context.addIssue({
          code: "custom",
          message: "receiptGroups",
          params: { groups: checked.groups },
        });
    }),
});
// A reply may be files alone; the action asks for text when there are none.
// The thread is the organisation answered (none: the police's, which triage reads); the server
// checks that the report has that thread.
export const replySchema = z.object({
  body: z.string().trim().max(5000, { error: "replyTooLong" }),
  organizationId: z.uuid().optional(),
});
// Leaving reads no field.
export const leaveSchema = z.object({});
