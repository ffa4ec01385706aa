import type { ActionResult } from "@/lib/auth/staff-action";

/** A staff action bound to "no previous state", so a plain form (with or without JavaScript) can post it. */
export function asFormAction<T>(action: (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>) {
  return action.bind(null, null) as unknown as (formData: FormData) => Promise<void>;
}
