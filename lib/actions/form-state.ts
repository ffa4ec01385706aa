import type { z } from "zod";

/** Field name → message key, the first issue per field (a missing answer before its length). */
export type FieldErrors = Record<string, string>;

/** Why an action turned a post away; each has a localized text where the form shows it. */
export type Refusal =
  | "invalid"
  | "forbidden"
  | "failed"
  | "conflict"
  | "notFound"
  | "notAllowed"
  | "rateLimited"
  /** The report form before the police's keys exist (lib/reports/create-report.ts). */
  | "notOpen"
  /** The caller's session holds no key that opens this report (lib/reports/report-keys.ts). */
  | "sealed"
  /** An organisation to route to has no keys yet. */
  | "noKeys";

/**
 * What every server action hands back to its form. With JavaScript off the server renders the page
 * from this state, so a refusal carries what was typed (`values`) back into the form: nothing
 * typed is lost. `Done` is what a form needs after success (a receipt, a QR code); actions that
 * redirect on success never return "done". A form may add fields of its own by intersection.
 */
export type FormState<Values = Record<string, string>, Done = undefined> =
  | { status: "idle" }
  | { status: "done"; data: Done; message?: string }
  | { status: "refused"; error: Refusal; fieldErrors: FieldErrors; values: Partial<Values> };

export const idle = { status: "idle" } as const;

/** The one mapping from zod's issues to field errors: the first issue per field wins. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return errors;
}
