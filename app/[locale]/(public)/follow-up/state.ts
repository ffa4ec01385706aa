import type { Messages } from "next-intl";
import type { FormState, Refusal } from "@/lib/actions/form-state";
import type { AttachmentError } from "@/lib/attachments/limits";

/** A text under FollowUp.errors: what the follow-up forms show at a field. */
export type FollowUpError = keyof Messages["FollowUp"]["errors"];

// Every key once, so that a new text in the messages must be named here (the type says so), and a
// key from the server that is not one of them is never looked up.
const followUpErrors: Record<FollowUpError, true> = {
  receiptRequired: true,
  receiptWrong: true,
  receiptNotDigits: true,
  receiptLength: true,
  receiptGroups: true,
  limited: true,
  sessionEnded: true,
  replyRequired: true,
  replyTooLong: true,
  failed: true,
  noThread: true,
};
const isFollowUpError = (key: string): key is FollowUpError => Object.hasOwn(followUpErrors, key);

/**
 * The receipt form's state: the code as typed comes back in `values` (kept in the field), its
 * problem in `fieldErrors.receipt` (a key under FollowUp.errors), with the number of digits typed
 * and the groups (1-based) whose check digit failed.
 */
export type ReceiptEntryState = FormState<{ receipt: string }> & {
  digitCount?: number;
  badGroups?: number[];
};

/**
 * The reply form's state: the text comes back in `values` after any refusal, with a problem with
 * the files (Attachments.errors), whether files chosen were lost with a failed send, and the
 * "keep as taken" choice.
 */
export type ReplyState = FormState<{ body: string }> & {
  fileError?: AttachmentError;
  filesNotKept?: boolean;
  keepOriginal?: boolean;
};

/** The text (under FollowUp.errors) for a refusal that is about the whole form, not one field. */
const refusalMessages: Partial<Record<Refusal, FollowUpError>> = {
  rateLimited: "limited",
  failed: "failed",
  forbidden: "sessionEnded",
  // Only the reply form is refused so; the receipt form's notFound carries its field's own text.
  notFound: "noThread",
};

/**
 * The message key to show at a form's field: the field's own problem, else the refusal's. A field
 * error that names no text here (a schema and the messages out of step) reads as "failed", so the
 * reporter is still told that nothing went through.
 */
export function followUpErrorOf<Values>(
  state: FormState<Values, unknown>,
  field: keyof Values & string,
): FollowUpError | undefined {
  if (state.status !== "refused") return undefined;
  const own = state.fieldErrors[field];
  if (own !== undefined) return isFollowUpError(own) ? own : "failed";
  return refusalMessages[state.error];
}
