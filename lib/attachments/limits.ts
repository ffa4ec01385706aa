// What reporters may attach, shared by the form (checked before a slow upload starts) and the
// server (which checks again and decides). No server-only imports: the form loads this.

export const attachmentLimits = {
  /** Files chosen on one form (the report form, or one reply), including ones already kept. */
  maxFiles: 5,
  maxFileBytes: 10 * 1024 * 1024,
  /** All files of one form together. */
  maxTotalBytes: 25 * 1024 * 1024,
  /** All files of one report over its life: a receipt cannot be used to fill the database. */
  maxPerReport: 30,
} as const;

export const attachmentFields = {
  files: "attachments",
  keepOriginal: "keepOriginal",
  remove: "removeAttachment",
} as const;

/** For the file picker only; the server decides by the bytes (lib/attachments/prepare.ts). */
export const acceptedFileTypes = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif,application/pdf,.pdf";

export type AttachmentError = "fileType" | "fileTooLarge" | "tooManyFiles" | "filesTooLarge" | "fileUnreadable" | "reportFull";

/** A file the server holds for a form sent back for corrections, or one already sent. */
export type KeptFile = { id: string; name: string; size: number; kind: "image" | "pdf"; metadataRemoved: boolean };

/** Count and size, before any byte is read: the same rule in the browser and on the server. */
export function checkChosenFiles(files: readonly { size: number }[], alreadyKept = 0): AttachmentError | null {
  if (files.length + alreadyKept > attachmentLimits.maxFiles) return "tooManyFiles";
  if (files.some((file) => file.size > attachmentLimits.maxFileBytes)) return "fileTooLarge";
  if (files.reduce((sum, file) => sum + file.size, 0) > attachmentLimits.maxTotalBytes) return "filesTooLarge";
  return null;
}

/**
 * The files a form posted. Browsers send one empty part when none was chosen (nameless without
 * JavaScript, renamed "blob" by React's encoding with it): empty files are never counted.
 */
export function postedFiles(formData: FormData): File[] {
  return formData.getAll(attachmentFields.files).filter((value): value is File => typeof value !== "string" && value.size > 0);
}

export function formatFileSize(bytes: number, locale: string): string {
  const units = ["B", "kB", "MB"] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
