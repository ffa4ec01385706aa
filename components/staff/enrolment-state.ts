export type EnrolState = {
  step: "password" | "scan";
  /** A message key under StaffAuth. */
  error?: string;
  /** Message keys under StaffErrors, by field. */
  fieldErrors?: Record<string, string>;
  qr?: string;
  secret?: string;
  backupCodes?: string[];
};
