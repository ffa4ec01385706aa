import "server-only";
import { keptFilesPosted, postedFiles, type FormFiles, type KeptFile } from "./limits";
import {
  admitFiles,
  keepOriginalChosen,
  noFiles,
  receiveFiles,
  removalsPosted,
  type ReceivedFiles,
} from "./receive";
import { dropPendingFiles, keepPendingFiles, listPendingFiles } from "./store";

// A report form sent back for corrections keeps its good files on the server under the form's
// one-time id (the `pendingSubmissionId` of their rows, removed by retention after 24 hours), so
// nobody has to find and choose them again, and a browser without JavaScript could not. The form
// lists them; sending it again adds or removes some; storing the report takes them over.

/** A report form's files as posted: those waiting from earlier posts and the new ones. */
export type WaitingFiles = {
  /** Files already waiting under the form's id, after the ones ticked for removal. */
  kept: KeptFile[];
  /** The new files that passed inspection, and the first problem with one. */
  received: ReceivedFiles;
  keepOriginal: boolean;
  /** Whether the report, once stored, must take over files waiting under the form's id. */
  collect: boolean;
};

/** Whether the post adds or removes files; reading it is free, and a plain report asks no more. */
export function changesFiles(formData: FormData): boolean {
  return postedFiles(formData).length > 0 || removalsPosted(formData).length > 0;
}

/**
 * Reads a report form's files: drops the waiting ones ticked for removal and inspects the new
 * ones. Charges nothing. The database is asked only when files were added or removed: otherwise
 * the list is the one the page showed, so a form with a missing answer is answered even while the
 * database is down.
 */
export async function receiveWaitingFiles(
  formData: FormData,
  submissionId: string,
): Promise<WaitingFiles> {
  const removals = removalsPosted(formData);
  const listed = keptFilesPosted(formData);
  const keepOriginal = keepOriginalChosen(formData);
  // Files listed by the form join the report; a report without any (nearly all) costs no statement.
  const collect = listed.length > 0 || removals.length > 0;
  if (!changesFiles(formData)) return { kept: listed, received: noFiles, keepOriginal, collect };
  await dropPendingFiles(submissionId, removals);
  const kept = await listPendingFiles(submissionId);
  const received = await receiveFiles(formData, { alreadyKept: kept.length });
  return { kept, received, keepOriginal, collect };
}

/**
 * Keeps the good new files of a form sent back, to wait for its next post: charged to the upload
 * budget all reporters share, as they are stored (when it is spent, the form is told
 * "uploadsLimited" and the files are not kept). The files that failed are named by the error.
 */
export async function keepWaitingFiles(
  submissionId: string,
  { kept, received, keepOriginal }: WaitingFiles,
): Promise<FormFiles> {
  let error = received.error;
  let newlyKept: KeptFile[] = [];
  if (received.files.length > 0) {
    if (await admitFiles(received.files))
      newlyKept = await keepPendingFiles(submissionId, received.files);
    else error ??= "uploadsLimited";
  }
  return { kept: [...kept, ...newlyKept], keepOriginal, error: error ?? undefined };
}

/**
 * The files part of a refused form, from what it posted alone (the database may be down): files
 * waiting from earlier still wait (and join the report when it is sent), listed as the page listed
 * them; the ones in this post are gone, and the page says so.
 */
export function describeRefusedFiles(formData: FormData | null): FormFiles {
  if (!formData) return { kept: [], keepOriginal: false, notKept: false };
  const removed = new Set(removalsPosted(formData));
  return {
    kept: keptFilesPosted(formData).filter((file) => !removed.has(file.id)),
    keepOriginal: keepOriginalChosen(formData),
    notKept: postedFiles(formData).length > 0,
  };
}
