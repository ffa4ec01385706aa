import type { FormState } from "@/lib/actions/form-state";
import type { FormFiles } from "@/lib/attachments/limits";
import type { ReportFormValues } from "@/lib/validation/report";

/**
 * What the receipt page needs. filesLater: the report was stored without the files just sent (the
 * shared file budget was spent); they can be added from the follow-up page with the receipt.
 * happeningToReporter: they answered "this is happening to me" (the receipt then tells of the
 * reflection period).
 */
type ReportReceipt = {
  receipt: string;
  immediateDanger: boolean;
  filesLater?: boolean;
  happeningToReporter?: boolean;
};

/**
 * What the report action hands back to the form, always under the form's one-time id, so sending
 * it again stores the report exactly once. Refused "invalid": answers to correct (`fieldErrors`)
 * or files to look at; "failed" (e.g. the database is down) or "rateLimited": nothing was stored
 * and the same form can be resent; "conflict": this form was already sent. With JavaScript off the
 * server renders the page from this state, so everything typed comes back in `values`, and the
 * files waiting on the server for this form in `files`.
 */
type States = FormState<ReportFormValues, ReportReceipt>;
export type ReportFormState =
  | (Exclude<States, { status: "refused" }> & { submissionId: string; files?: undefined })
  | (Extract<States, { status: "refused" }> & { submissionId: string; files: FormFiles });

/** A field a person never sees; bots fill it, and their submission is dropped without a word. */
export const honeypotField = "extra_reference_url";
