import type { ReportFormValues } from "@/lib/validation/report";

// What the report action hands back to the form. With JavaScript off, the server renders the page
// from this state, so everything the person typed comes back in `values` after any failure.
export type ReportFormState =
  | { status: "idle"; submissionId: string }
  | { status: "invalid"; submissionId: string; values: ReportFormValues; errors: Record<string, string> }
  // reason "failed": the report could not be stored (e.g. the database is down); "rateLimited": too
  // many reports from here just now. Either way nothing was stored and the same form can be resent.
  | { status: "error"; reason: "failed" | "rateLimited"; submissionId: string; values: ReportFormValues }
  | { status: "duplicate"; submissionId: string }
  | { status: "success"; submissionId: string; receipt: string; immediateDanger: boolean };

/** A field a person never sees; bots fill it, and their submission is dropped without a word. */
export const honeypotField = "extra_reference_url";
