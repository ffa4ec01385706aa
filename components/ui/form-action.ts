import { idle } from "@/lib/actions/form-state";

/**
 * A server action bound to the idle state, so a plain form (with or without JavaScript) can post
 * it. Every action's state starts idle, so any of them binds; its result is dropped (hence `void`):
 * the page re-renders from the database, or the action redirects.
 */
export function asFormAction(
  action: (previous: typeof idle, formData: FormData) => Promise<unknown>,
): (formData: FormData) => void {
  return action.bind(null, idle);
}
