import type { ReportFormValues } from "@/lib/validation/report";

// What the report action hands back to the form. With JavaScript off, the server renders the page
// from this state, so everything the person typed comes back in `values` after any failure.
export type ReportFormState =
  | { status: "idle"; submissionId: string }
  | { status: "invalid"; submissionId: string; values: ReportFormValues; errors: Record<string, string> }
  | { status: "error"; submissionId: string; values: ReportFormValues }
  | { status: "duplicate"; submissionId: string }
  | { status: "success"; submissionId: string; receipt: string; immediateDanger: boolean };

/** A field a person never sees; bots fill it, and their submission is dropped without a word. */
export const honeypotField = "extra_reference_url";
