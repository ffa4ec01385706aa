import { z } from "zod";

// Follow-up forms. Error messages are keys under FollowUp.errors.
export const receiptEntrySchema = z.object({ receipt: z.string().trim().min(1, { error: "receiptRequired" }).max(100, { error: "receiptWrong" }) });
// A reply may be files alone; the action asks for text when there are none.
export const replySchema = z.object({
  body: z.string().trim().max(5000, { error: "replyTooLong" }),
});
