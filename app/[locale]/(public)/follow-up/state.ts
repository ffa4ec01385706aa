import type { FormState, Refusal } from "@/lib/actions/form-state";
import type { AttachmentError } from "@/lib/attachments/limits";

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
const refusalMessages: Partial<
  Record<Refusal, "limited" | "failed" | "sessionEnded" | "noThread">
> = {
  rateLimited: "limited",
  failed: "failed",
  forbidden: "sessionEnded",
  // Only the reply form is refused so; the receipt form's notFound carries its field's own text.
  notFound: "noThread",
};

/** The message key to show at a form's field: the field's own problem, else the refusal's. */
export function followUpErrorOf<Values>(
  state: FormState<Values, unknown>,
  field: keyof Values & string,
): string | undefined {
  if (state.status !== "refused") return undefined;
  return state.fieldErrors[field] ?? refusalMessages[state.error];
}
