import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getStaffSession, type StaffUser } from "@/lib/auth/session";
import { requestIdOf } from "@/lib/http/request-context";
import { describeError, log } from "@/lib/log";
import { fieldErrorsOf, type FormState } from "./form-state";
import {
  formFields,
  refusedState,
  typedValues,
  type Outcome,
  type Refused,
  type TypedValues,
} from "./posted-fields";

/**
 * Who may call a credential action before the credential itself is checked:
 * - "anyone": sign-in, the code step (better-auth checks the signed cookie a right password set),
 *   accepting an invitation (the token is the credential, checked by the handler);
 * - "enrolling": a session whose password was accepted but whose second factor is not enrolled
 *   yet; nothing else may enrol one.
 */
type Guard = "anyone" | "enrolling";

type Caller<G extends Guard> = G extends "enrolling"
  ? { headers: Headers; user: StaffUser }
  : { headers: Headers };

/** The state a credential action built from `schema` hands its form. */
export type CredentialFormState<S extends z.ZodType, Done = undefined> = FormState<
  TypedValues<z.input<S>>,
  Done
>;

/**
 * The wrapper every credential action (sign-in, second factor, invitation, enrolment) is built
 * from. No session is required, so what it checks is the envelope (a form, nothing else), the
 * guard, then the schema; the credential is the handler's, in lib/auth (sign-in-guard.ts and
 * totp-once.ts hold the counting, locking and single use, untouched here).
 *
 * Refusals: the guard not met is "notAllowed" (this step is not open to the session as it
 * stands); input the schema refuses is "invalid" with the first issue per field; the handler
 * answers a credential that does not hold with "forbidden", an unknown invitation with "notFound".
 *
 * What is given back: only the fields named in `echo`, and never one whose name looks secret
 * (password, code, token, …) even if named there. Logged: one line per call with the action's
 * name, its outcome, the time taken and the request id — never the input, never an address.
 */
export function credentialAction<
  S extends z.ZodType,
  Done = undefined,
  G extends Guard = "anyone",
>({
  name,
  guard,
  schema,
  echo = [],
  handler,
}: {
  name: string;
  guard: G;
  schema: S;
  echo?: readonly Extract<keyof z.input<S>, string>[];
  handler: (input: z.output<S>, caller: Caller<G>) => Promise<Outcome<Done>>;
}) {
  type Values = TypedValues<z.input<S>>;
  type State = FormState<Values, Done>;
  return async (_previous: State, formData: FormData): Promise<State> => {
    const began = performance.now();
    const requestHeaders = await headers();
    const finish = <T extends State | null>(outcome: string, state: T, failure?: unknown): T => {
      const fields = {
        action: name,
        outcome,
        durationMs: Math.round(performance.now() - began),
        requestId: requestIdOf(requestHeaders),
      };
      if (failure === undefined) log.info("action.completed", fields);
      else log.error("action.failed", { ...fields, ...describeError(failure) });
      return state;
    };
    const refused = (outcome: Refused, values = {}) =>
      finish(outcome.error, refusedState<Values, Done>(outcome, values));

    // React decodes the arguments from whatever was posted: anything but a form is refused unread.
    if (!(formData instanceof FormData)) return refused({ status: "refused", error: "invalid" });
    const kept = () => typedValues(formData, echo);
    try {
      let caller: Caller<G>;
      if (guard === "enrolling") {
        const session = await getStaffSession();
        if (session.status !== "needsSecondFactor")
          return refused({ status: "refused", error: "notAllowed" }, kept());
        caller = { headers: requestHeaders, user: session.user } as Caller<G>;
      } else caller = { headers: requestHeaders } as Caller<G>;

      const parsed = schema.safeParse(formFields(formData));
      if (!parsed.success)
        return refused(
          { status: "refused", error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) },
          kept(),
        );
      const outcome = await handler(parsed.data, caller);
      if (outcome.status === "refused") return refused(outcome, kept());
      return finish<State>("done", outcome);
    } catch (error) {
      try {
        unstable_rethrow(error); // redirect() is how a credential action succeeds
      } catch (control) {
        finish("redirected", null);
        throw control;
      }
      return finish(
        "failed",
        refusedState<Values, Done>({ status: "refused", error: "failed" }, kept()),
        error,
      );
    }
  };
}
