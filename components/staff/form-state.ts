/** What a staff auth form gets back: a message key under StaffAuth and what to put back in it. */
export type FormState = {
  error?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
} | null;
