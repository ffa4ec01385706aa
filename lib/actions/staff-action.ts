import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { type Permission } from "@/lib/auth/permissions";
import { authorize, type StaffUser } from "@/lib/auth/session";
import { incomingHeaders, requestIdOf } from "@/lib/http/request-context";
import { describeError, log } from "@/lib/log";
import { fieldErrorsOf, type FormState } from "./form-state";
import {
  formFields,
  refusedState,
  typedValues,
  type Outcome,
  type TypedValues,
} from "./posted-fields";

/** The state a staff action built from `schema` hands its form. */
export type StaffFormState<S extends z.ZodType, Done = undefined> = FormState<
  TypedValues<z.input<S>>,
  Done
>;

/**
 * The wrapper every staff server action is built from: it checks the session, the second factor
 * and the permission itself (never trusting the proxy or a layout), parses the input with its
 * schema, and turns anything unexpected into a generic failure without leaking the error. Data
 * scope is the handler's: it goes into the query's `where`, so a forgotten check matches nothing.
 * The previous state React passes in is never read (a form posted without JavaScript carries it
 * in a field the client can rewrite).
 */
export function staffAction<S extends z.ZodType, Done = undefined>(
  permission: Permission,
  schema: S,
  handler: (input: z.output<S>, user: StaffUser) => Promise<Outcome<Done>>,
) {
  type State = StaffFormState<S, Done>;
  return async (_previous: State, formData: FormData): Promise<State> => {
    // React decodes the arguments from whatever was posted: anything but a form is refused unread.
    if (!(formData instanceof FormData))
      return { status: "refused", error: "invalid", fieldErrors: {}, values: {} };
    const user = await authorize(permission);
    if (!user) return { status: "refused", error: "forbidden", fieldErrors: {}, values: {} };
    const parsed = schema.safeParse(formFields(formData));
    if (!parsed.success)
      return refusedState(
        { status: "refused", error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) },
        typedValues(formData),
      );
    try {
      const outcome = await handler(parsed.data, user);
      return outcome.status === "done" ? outcome : refusedState(outcome, typedValues(formData));
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      log.error("action.failed", {
        action: permission,
        requestId: requestIdOf(await incomingHeaders()),
        ...describeError(error),
      });
      return refusedState({ status: "refused", error: "failed" }, typedValues(formData));
    }
  };
}
