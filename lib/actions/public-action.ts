import "server-only";
import { unstable_rethrow } from "next/navigation";
import { describeError, log } from "@/lib/log";

/**
 * The wrapper every public (reporter-facing) server action is built from. The caller is untrusted
 * and anonymous: the handler parses its own input, and anything unexpected becomes the same small
 * failure state, logged by name only, never with the input or the error's message.
 */
export function publicAction<State>(
  name: string,
  handler: (previous: State, formData: FormData) => Promise<State>,
  onUnexpected: (previous: State, formData: FormData) => State,
) {
  return async (previous: State, formData: FormData): Promise<State> => {
    try {
      return await handler(previous, formData);
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      log.error("action.failed", { action: name, ...describeError(error) });
      return onUnexpected(previous, formData);
    }
  };
}
