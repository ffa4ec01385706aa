/**
 * A server action bound to "no previous state", so a plain form (with or without JavaScript) can
 * post it. Its result is dropped: the page re-renders from the database, or the action redirects.
 */
export function asFormAction(action: (previous: never, formData: FormData) => Promise<unknown>) {
  return action.bind(null, null as never) as unknown as (formData: FormData) => Promise<void>;
}
