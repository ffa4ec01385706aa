import "server-only";
import { rateLimits } from "@/lib/config";
import { rateLimiter } from "@/lib/security/rate-limit";
import { isUuid } from "@/lib/validation/uuid";
import { attachmentFields, checkChosenFiles, postedFiles, type AttachmentError } from "./limits";
import type { PreparedFile } from "./prepare";

/** The files that passed inspection, and the first problem with a file. */
export type ReceivedFiles = { files: PreparedFile[]; error: AttachmentError | null };

export const noFiles: ReceivedFiles = { files: [], error: null };

/** Whether the reporter ticked "keep my photos exactly as taken". */
export function keepOriginalChosen(formData: FormData): boolean {
  return formData.get(attachmentFields.keepOriginal) === "yes";
}

/** Ids of kept files the reporter ticked for removal (well-formed ones only). */
export function removalsPosted(formData: FormData): string[] {
  return formData.getAll(attachmentFields.remove).filter(isUuid).slice(0, 50);
}

/**
 * Reads and prepares the files a form posted. Count and size are checked before any byte is
 * read; then each file on its own, so one bad file costs only itself: the good ones come back in
 * `files` and the first problem in `error`. Charges nothing: see `admitFiles`.
 */
export async function receiveFiles(
  formData: FormData,
  { alreadyKept = 0 } = {},
): Promise<ReceivedFiles> {
  const posted = postedFiles(formData);
  const tooMuch = checkChosenFiles(posted, alreadyKept);
  if (tooMuch) return { ...noFiles, error: tooMuch };
  if (posted.length === 0) return noFiles;
  // sharp, libheif (WebAssembly) and file-type load on the first file, not with every report.
  const { prepareAttachment } = await import("./prepare");
  const keepOriginal = keepOriginalChosen(formData);
  const files: PreparedFile[] = [];
  let error: AttachmentError | null = null;
  for (const file of posted) {
    const result = await prepareAttachment(file.name, Buffer.from(await file.arrayBuffer()), {
      keepOriginal,
    });
    if (result.ok) files.push(result.file);
    else error ??= result.error;
  }
  return { files, error };
}

/**
 * Whether files about to be stored fit the budget of bytes per hour that all reporters share (so
 * a flood of uploads cannot fill the disk); when they do, they are charged to it. Called right
 * before storing, with files that passed inspection: junk, refused and oversized files, and posts
 * sent back, cost the budget nothing, so they cannot spend it for honest reporters. When it says
 * no, the caller stores the text without the files and says they can be added later.
 */
export async function admitFiles(files: readonly PreparedFile[]): Promise<boolean> {
  if (files.length === 0) return true;
  const kilobytes = Math.ceil(files.reduce((sum, file) => sum + file.bytes.length, 0) / 1024);
  const budget = {
    scope: "attachments:global",
    id: "",
    perHour: rateLimits.globalUploadMegabytesPerHour() * 1024,
    cost: kilobytes,
  };
  return (await rateLimiter.take([budget])).allowed;
}
