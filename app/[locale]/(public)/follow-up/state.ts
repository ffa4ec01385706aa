import type { AttachmentError } from "@/lib/attachments/limits";

/**
 * What the follow-up forms get back: a message key under FollowUp.errors, the reply text to put
 * back after a failure, a problem with the files (Attachments.errors), whether files chosen were
 * lost with a failed send, and the "keep as taken" choice. For the receipt form: the code as typed
 * (kept in the field), the number of digits typed, and the groups (1-based) whose check failed.
 */
export type FollowUpState = {
  error?: string;
  receipt?: string;
  digitCount?: number;
  badGroups?: number[];
  body?: string;
  fileError?: AttachmentError;
  filesNotKept?: boolean;
  keepOriginal?: boolean;
} | null;
