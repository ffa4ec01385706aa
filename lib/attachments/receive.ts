import "server-only";
import { rateLimits } from "@/lib/config";
import { rateLimiter } from "@/lib/security/rate-limit";
import { isUuid } from "@/lib/validation/uuid";
import { attachmentFields, checkChosenFiles, postedFiles, type AttachmentError } from "./limits";
import type { PreparedFile } from "./prepare";

export type ReceivedFiles = { files: PreparedFile[]; error: AttachmentError | null };

/** Whether the reporter ticked "keep my photos exactly as taken". */
export function keepOriginalChosen(formData: FormData): boolean {
  return formData.get(attachmentFields.keepOriginal) === "yes";
}

/** Ids of kept files the reporter ticked for removal (well-formed ones only). */
export function removalsPosted(formData: FormData): string[] {
  return formData
    .getAll(attachmentFields.remove)
    .filter(isUuid)
    .slice(0, 50);
}

/**
 * Reads and prepares the files a form posted. Count and size are checked before any byte is
 * read; then each file on its own, so one bad file costs only itself: the good ones come back in
 * `files` and the first problem in `error`.
 */
export async function receiveFiles(formData: FormData, { alreadyKept = 0 } = {}): Promise<ReceivedFiles> {
  const posted = postedFiles(formData);
  const tooMuch = checkChosenFiles(posted, alreadyKept);
  if (tooMuch) return { files: [], error: tooMuch };
  if (posted.length === 0) return { files: [], error: null };
  // A budget of megabytes per hour for everyone together, so a flood of uploads cannot fill the
  // disk (the per-form and per-report limits do not bound that on their own).
  const megabytes = Math.ceil(posted.reduce((sum, file) => sum + file.size, 0) / (1024 * 1024));
  const budget = { scope: "attachments:global", id: "", perHour: rateLimits.globalUploadMegabytesPerHour(), cost: megabytes };
  if (!rateLimiter.take([budget]).allowed) return { files: [], error: "uploadsLimited" };
  // sharp, libheif (WebAssembly) and file-type load on the first file, not with every report.
  const { prepareAttachment } = await import("./prepare");
  const keepOriginal = keepOriginalChosen(formData);
  const files: PreparedFile[] = [];
  let error: AttachmentError | null = null;
  for (const file of posted) {
    const result = await prepareAttachment(file.name, Buffer.from(await file.arrayBuffer()), { keepOriginal });
    if (result.ok) files.push(result.file);
    else error ??= result.error;
  }
  return { files, error };
}
