import type { FieldErrors, FormState, Refusal } from "./form-state";

/**
 * What a handler answers; its wrapper adds what was typed to a refusal. A handler never builds
 * `values` itself, so no handler can put a secret back into the page.
 */
export type Outcome<Done = undefined> = { status: "done"; data: Done; message?: string } | Refused;
export type Refused = { status: "refused"; error: Refusal; fieldErrors?: FieldErrors };

export function done<Done = undefined>(data?: Done, message?: string): Outcome<Done> {
  return { status: "done", data: data as Done, ...(message === undefined ? {} : { message }) };
}

export function refuse(error: Refusal, fieldErrors: FieldErrors = {}): Refused {
  return { status: "refused", error, fieldErrors };
}

/** The text fields a form can be given back, by the names its schema reads. */
export type TypedValues<Input> = Record<Extract<keyof Input, string>, string>;

/** The posted fields as an object; a name posted more than once (checkboxes) becomes a list. */
export function formFields(formData: FormData): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$")) continue;
    const values = formData
      .getAll(key)
      .filter((value): value is string => typeof value === "string");
    fields[key] = values.length === 1 ? values[0]! : values;
  }
  return fields;
}

const secretName = /password|secret|code|token|confirm/i;

/**
 * The posted text fields to put back into a refused form, minus framework fields and anything
 * whose name looks secret — that holds even for a name on `only`, the allow-list credential forms
 * pass. Each value is cut short: it is echoed into the page, and so into the next post's envelope.
 */
export function typedValues(formData: FormData, only?: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value !== "string" || key.startsWith("$") || secretName.test(key)) continue;
    if (only && !only.includes(key)) continue;
    values[key] = value.slice(0, 2000);
  }
  return values;
}

/** A refusal as the form receives it: the handler's answer plus what was typed. */
export function refusedState<Values, Done>(
  outcome: Refused,
  values: Record<string, string>,
): FormState<Values, Done> {
  return {
    status: "refused",
    error: outcome.error,
    fieldErrors: outcome.fieldErrors ?? {},
    values: values as Partial<Values>,
  };
}
