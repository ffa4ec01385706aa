"use server";

import { randomUUID } from "node:crypto";
import { hasLocale } from "next-intl";
import { getLocale } from "next-intl/server";
import { publicAction, RateLimited, type Charge } from "@/lib/actions/public-action";
import { keptFilesPosted, postedFiles, type KeptFile } from "@/lib/attachments/limits";
import {
  admitFiles,
  keepOriginalChosen,
  noFiles,
  receiveFiles,
  removalsPosted,
  type ReceivedFiles,
} from "@/lib/attachments/receive";
import { dropPendingFiles, keepPendingFiles, listPendingFiles } from "@/lib/attachments/store";
import { db } from "@/lib/db";
import { isUuid } from "@/lib/validation/uuid";
import { rateLimits } from "@/lib/config";
import { routing } from "@/lib/i18n/routing";
import { createReport } from "@/lib/reports/create-report";
import { formatReceipt, generateReceipt } from "@/lib/reports/receipt";
import {
  fieldErrors,
  reportSchema,
  reportValuesFromFormData,
  type ReportData,
} from "@/lib/validation/report";
import { honeypotField, type ReportFormState } from "./state";

/** The form's one-time id as posted, if it is one; the same id must come back after any failure. */
function postedSubmissionId(formData: FormData): string | undefined {
  const value = formData.get("submissionId");
  return isUuid(value) ? value.toLowerCase() : undefined;
}

/** What a report's text costs the shared budget of stored kilobytes: its fields, plus about 1 kB of row, index and audit. */
function storedKilobytes(data: ReportData): number {
  return Math.ceil((Buffer.byteLength(JSON.stringify(data), "utf8") + 1024) / 1024);
}

// The order is the point: every check that can turn a post away for free (honeypot, schema,
// duplicate, the files' own checks) comes before anything is charged to a budget that honest
// reporters share. Only a valid, new report about to be stored is charged: per form, per client
// (behind a trusted proxy) and in stored bytes for everyone together.
async function submitReport(
  formData: FormData,
  charge: Charge,
): Promise<{ state: ReportFormState; outcome: string }> {
  const values = reportValuesFromFormData(formData);
  const submissionId = postedSubmissionId(formData) ?? randomUUID();
  const postedLocale = formData.get("locale");
  const locale = hasLocale(routing.locales, postedLocale) ? postedLocale : await getLocale();

  // A filled honeypot is a bot: it sees an ordinary success and nothing is stored.
  const honeypot = formData.get(honeypotField);
  if (typeof honeypot === "string" && honeypot.length > 0) {
    return {
      state: {
        status: "success",
        submissionId,
        receipt: formatReceipt(generateReceipt()),
        immediateDanger: false,
      },
      outcome: "honeypot",
    };
  }

  const parsed = reportSchema.safeParse(values);
  const keepOriginal = keepOriginalChosen(formData);

  // Files are looked at only when some were posted or removed: a plain report costs no extra query.
  let received: ReceivedFiles = noFiles;
  let keptBefore: KeptFile[] = [];
  const removals = removalsPosted(formData);
  const filesChanged = postedFiles(formData).length > 0 || removals.length > 0;
  // A form already sent (a reload, a second click) stores nothing more under its spent id.
  if ((parsed.success || filesChanged) && (await db.report.count({ where: { submissionId } }))) {
    return { state: { status: "duplicate", submissionId }, outcome: "duplicate" };
  }
  if (filesChanged) {
    await dropPendingFiles(submissionId, removals);
    keptBefore = await listPendingFiles(submissionId);
    received = await receiveFiles(formData, { alreadyKept: keptBefore.length });
  }

  // Sent back for corrections: the good files wait on the server under the form's id, so nobody
  // has to find and choose them again (charged to the upload budget, as they are stored); the
  // files that failed are named by the error. (When no file was added or removed, the list is the
  // one the page showed: a form with a missing answer is answered without asking the database,
  // even while it is down.)
  if (!parsed.success || received.error) {
    let error = received.error;
    let newlyKept: KeptFile[] = [];
    if (received.files.length > 0) {
      if (await admitFiles(received.files))
        newlyKept = await keepPendingFiles(submissionId, received.files);
      else error ??= "uploadsLimited";
    }
    const kept = filesChanged ? [...keptBefore, ...newlyKept] : keptFilesPosted(formData);
    const files = { kept, keepOriginal, error: error ?? undefined };
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    return {
      state: { status: "invalid", submissionId, values, errors, files },
      outcome: "invalid",
    };
  }

  const perHour = rateLimits.submissionsPerHour();
  const allowed = await charge({
    perClientPerHour: perHour,
    keys: [
      { scope: "submitReport:form", id: submissionId, perHour },
      {
        scope: "submitReport:stored",
        id: "",
        perHour: rateLimits.storedKilobytesPerHour(),
        cost: storedKilobytes(parsed.data),
      },
    ],
  });
  if (!allowed) throw new RateLimited();

  // With the shared file budget spent, the report's text is still taken, without the new files;
  // the receipt page says they can be added later from the follow-up page.
  const filesAdmitted = await admitFiles(received.files);
  // Files kept from an earlier post join the report; the form lists them, so a report without any
  // (nearly all) costs no extra statement.
  const collectKeptFiles = keptFilesPosted(formData).length > 0 || removals.length > 0;
  const files = filesAdmitted ? received.files : [];
  const result = await createReport({
    data: parsed.data,
    locale,
    submissionId,
    files,
    collectKeptFiles,
  });
  if (result.status === "duplicate")
    return { state: { status: "duplicate", submissionId }, outcome: "duplicate" };
  return {
    state: {
      status: "success",
      submissionId,
      receipt: formatReceipt(result.receipt),
      immediateDanger: parsed.data.immediateDanger === "yes",
      ...(filesAdmitted ? {} : { filesLater: true }),
      happeningToReporter: parsed.data.reporterRole === "self",
    },
    outcome: filesAdmitted ? "created" : "createdWithoutFiles",
  };
}

/** The files part of a refused form, from what it posted (the database may be down). */
function filesAfterRefusal(formData: FormData) {
  const removed = new Set(removalsPosted(formData));
  return {
    kept: keptFilesPosted(formData).filter((file) => !removed.has(file.id)),
    keepOriginal: keepOriginalChosen(formData),
    notKept: postedFiles(formData).length > 0,
  };
}

export const submitReportAction = publicAction<ReportFormState>({
  name: "submitReport",
  handler: submitReport,
  // Everything typed goes back to the page, under the same one-time id, so sending it again later
  // stores the report exactly once.
  refused: (formData, reason) => ({
    status: "error",
    reason,
    submissionId: (formData && postedSubmissionId(formData)) ?? randomUUID(),
    values: formData ? reportValuesFromFormData(formData) : {},
    // Files kept earlier still wait on the server (and join the report when it is sent), listed as
    // the page listed them; the ones in this post are gone, and the page says so.
    files: formData
      ? filesAfterRefusal(formData)
      : { kept: [], keepOriginal: false, notKept: false },
  }),
});
