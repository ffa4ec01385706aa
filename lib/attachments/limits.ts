// What reporters may attach, shared by the form (checked before a slow upload starts) and the
// server (which checks again and decides). No server-only imports: the form loads this.

// Relative: next.config.ts loads this file (through lib/security/limits.ts) without the "@/" alias.
import { isUuid } from "../validation/uuid";

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
  /** One hidden field per file the server keeps for this form (see keptFilesPosted). */
  kept: "keptAttachment",
} as const;

/** For the file picker only; the server decides by the bytes (lib/attachments/prepare.ts). */
export const acceptedFileTypes =
  "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif,application/pdf,.pdf";

export type AttachmentError =
  | "fileType"
  | "fileTooLarge"
  | "tooManyFiles"
  | "filesTooLarge"
  | "fileUnreadable"
  | "imageTooLarge"
  | "pdfUnreadable"
  | "reportFull"
  | "uploadsLimited";

/** A file the server holds for a form sent back for corrections, or one already sent. */
export type KeptFile = {
  id: string;
  name: string;
  size: number;
  kind: "image" | "pdf";
  metadataRemoved: boolean;
};

/** Count and size, before any byte is read: the same rule in the browser and on the server. */
export function checkChosenFiles(
  files: readonly { size: number }[],
  alreadyKept = 0,
): AttachmentError | null {
  if (files.length + alreadyKept > attachmentLimits.maxFiles) return "tooManyFiles";
  if (files.some((file) => file.size > attachmentLimits.maxFileBytes)) return "fileTooLarge";
  if (files.reduce((sum, file) => sum + file.size, 0) > attachmentLimits.maxTotalBytes)
    return "filesTooLarge";
  return null;
}

/**
 * The files a form posted. Browsers send one empty part when none was chosen (nameless without
 * JavaScript, renamed "blob" by React's encoding with it): empty files are never counted.
 */
export function postedFiles(formData: FormData): File[] {
  return formData
    .getAll(attachmentFields.files)
    .filter((value): value is File => typeof value !== "string" && value.size > 0);
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

/**
 * The files the form says the server keeps for it, as the page listed them. Only a hint, never
 * trusted for more: it says whether a sent report has waiting files to collect (those under the
 * form's own id, whatever is listed), and lets the page list them again when the database could
 * not be asked (it was down). A forged entry can only change what the sender's own page shows.
 */
export function keptFilesPosted(formData: FormData): KeptFile[] {
  return formData
    .getAll(attachmentFields.kept)
    .slice(0, attachmentLimits.maxFiles)
    .flatMap((value) => {
      try {
        const file =
          typeof value === "string" && value.length < 1000
            ? (JSON.parse(value) as Partial<KeptFile>)
            : null;
        if (!file || !isUuid(file.id) || typeof file.name !== "string") return [];
        if (
          typeof file.size !== "number" ||
          (file.kind !== "image" && file.kind !== "pdf") ||
          typeof file.metadataRemoved !== "boolean"
        )
          return [];
        return [
          {
            id: file.id,
            name: file.name.slice(0, 200),
            size: file.size,
            kind: file.kind,
            metadataRemoved: file.metadataRemoved,
          },
        ];
      } catch {
        return [];
      }
    });
}

/**
 * The files part of a report form sent back: files the server keeps for this form (so they need
 * not be chosen again, which a browser without JavaScript could not do), the "keep as taken"
 * choice, a problem with the files just posted, and whether files were lost with a failed send.
 */
export type FormFiles = {
  kept: KeptFile[];
  keepOriginal: boolean;
  error?: AttachmentError;
  notKept?: boolean;
};
