import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { incomingHeaders, requestIdOf } from "@/lib/http/request-context";
import { describeError, log } from "@/lib/log";
import { type Permission } from "./permissions";
import { authorize, type StaffUser } from "./session";

export type ActionResult<T = undefined> =
  | { ok: true; data?: T; message?: string }
  | {
      ok: false;
      error: "forbidden" | "invalid" | "failed" | "conflict" | "notFound" | "notAllowed";
      fieldErrors?: Record<string, string>;
      /** What was typed, so the form can show it again (React resets forms after an action). */
      values?: Record<string, string>;
    };

/** The posted fields as an object; a name posted more than once (checkboxes) becomes a list. */
function formFields(formData: FormData): Record<string, string | string[]> {
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

/** The posted text fields, minus framework fields and anything secret. */
function typedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (
      typeof value === "string" &&
      !key.startsWith("$") &&
      !/password|secret|code|token/i.test(key)
    )
      values[key] = value.slice(0, 2000);
  }
  return values;
}

/**
 * The wrapper every staff server action is built from: it parses the input with its schema,
 * checks the session, the second factor and the permission itself (never trusting the proxy or a
 * layout), and turns anything unexpected into a generic failure without leaking the error.
 */
export function staffAction<S extends z.ZodType, T = undefined>(
  permission: Permission,
  schema: S,
  handler: (input: z.output<S>, user: StaffUser) => Promise<ActionResult<T>>,
) {
  return async (
    _previous: ActionResult<T> | null,
    formData: FormData,
  ): Promise<ActionResult<T>> => {
    // React decodes the arguments from whatever was posted: anything but a form is refused unread.
    if (!(formData instanceof FormData)) return { ok: false, error: "invalid" };
    const user = await authorize(permission);
    if (!user) return { ok: false, error: "forbidden" };
    const parsed = schema.safeParse(formFields(formData));
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues)
        fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
      return { ok: false, error: "invalid", fieldErrors, values: typedValues(formData) };
    }
    try {
      const result = await handler(parsed.data, user);
      return result.ok ? result : { ...result, values: typedValues(formData) };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      log.error("action.failed", {
        action: permission,
        requestId: requestIdOf(await incomingHeaders()),
        ...describeError(error),
      });
      return { ok: false, error: "failed", values: typedValues(formData) };
    }
  };
}
