import type { AttachmentError, KeptFile } from "@/lib/attachments/limits";
import type { ReportFormValues } from "@/lib/validation/report";

/**
 * The files part of a form sent back: files the server keeps for this form (so they need not be
 * chosen again, which a browser without JavaScript could not do), the "keep as taken" choice, a
 * problem with the files just posted, and whether files were lost with a failed send.
 */
type FormFiles = {
  kept: KeptFile[];
  keepOriginal: boolean;
  error?: AttachmentError;
  notKept?: boolean;
};

// What the report action hands back to the form. With JavaScript off, the server renders the page
// from this state, so everything the person typed comes back in `values` after any failure.
export type ReportFormState =
  | { status: "idle"; submissionId: string }
  | {
      status: "invalid";
      submissionId: string;
      values: ReportFormValues;
      errors: Record<string, string>;
      files: FormFiles;
    }
  // reason "failed": the report could not be stored (e.g. the database is down); "rateLimited": too
  // many reports from here just now. Either way nothing was stored and the same form can be resent.
  | {
      status: "error";
      reason: "failed" | "rateLimited";
      submissionId: string;
      values: ReportFormValues;
      files: FormFiles;
    }
  | { status: "duplicate"; submissionId: string }
  // filesLater: the report was stored without the files just sent (the shared file budget was
  // spent); they can be added from the follow-up page with the receipt. happeningToReporter: they
  // answered "this is happening to me" (the receipt then tells of the reflection period).
  | {
      status: "success";
      submissionId: string;
      receipt: string;
      immediateDanger: boolean;
      filesLater?: boolean;
      happeningToReporter?: boolean;
    };

/** A field a person never sees; bots fill it, and their submission is dropped without a word. */
export const honeypotField = "extra_reference_url";
