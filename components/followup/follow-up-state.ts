/** A message key under FollowUp.errors, and the reply text to put back after a failure. */
export type FollowUpState = { error?: string; body?: string } | null;
