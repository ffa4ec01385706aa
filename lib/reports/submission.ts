import "server-only";
import { db } from "@/lib/db";

/** Whether a report was already stored under this form's one-time id (a reload, a second click). */
export async function isSubmissionStored(submissionId: string): Promise<boolean> {
  return (await db.report.count({ where: { submissionId } })) > 0;
}
