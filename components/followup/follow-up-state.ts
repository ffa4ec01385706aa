import type { AttachmentError } from "@/lib/attachments/limits";

/**
 * What the follow-up forms get back: a message key under FollowUp.errors, the reply text to put
 * back after a failure, a problem with the files (Attachments.errors), whether files chosen were
 * lost with a failed send, and the "keep as taken" choice.
 */
export type FollowUpState = {
  error?: string;
  body?: string;
  fileError?: AttachmentError;
  filesNotKept?: boolean;
  keepOriginal?: boolean;
} | null;
