"use server";

import { randomUUID } from "node:crypto";
import { hasLocale } from "next-intl";
import { getLocale } from "next-intl/server";
import { fieldErrorsOf } from "@/lib/actions/form-state";
import { publicAction, RateLimited, type PublicInput } from "@/lib/actions/public-action";
import { admitFiles } from "@/lib/attachments/receive";
import {
  changesFiles,
  describeRefusedFiles,
  keepWaitingFiles,
  receiveWaitingFiles,
} from "@/lib/attachments/waiting-files";
import { rateLimits } from "@/lib/config";
import { routing } from "@/lib/i18n/routing";
import { createReport } from "@/lib/reports/create-report";
import { formatReceipt, generateReceipt } from "@/lib/reports/receipt";
import { isSubmissionStored } from "@/lib/reports/submission";
import {
  reportSchema,
  reportValuesFromFormData,
  type ReportData,
  type ReportFormValues,
} from "@/lib/validation/report";
import { isUuid } from "@/lib/validation/uuid";
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

type Input = PublicInput<typeof reportSchema, ReportFormValues>;

/** A filled honeypot is a bot: it sees an ordinary success and nothing is stored. */
function screenBot({ formData }: Input) {
  const honeypot = formData.get(honeypotField);
  if (typeof honeypot !== "string" || honeypot.length === 0) return null;
  const receipt = formatReceipt(generateReceipt());
  const state: ReportFormState = {
    status: "done",
    submissionId: postedSubmissionId(formData) ?? randomUUID(),
    data: { receipt, immediateDanger: false },
  };
  return { state, outcome: "honeypot" };
}

const duplicate = (submissionId: string) => ({
  state: {
    status: "refused",
    error: "conflict",
    fieldErrors: {},
    values: {},
    submissionId,
    files: { kept: [], keepOriginal: false },
  } satisfies ReportFormState,
  outcome: "duplicate",
});

// The order is the point: every check that can turn a post away for free (honeypot, schema,
// duplicate, the files' own checks) comes before anything is charged to a budget that honest
// reporters share. Only a valid, new report about to be stored is charged: per form, per client
// (behind a trusted proxy) and in stored bytes for everyone together.
export const submitReportAction = publicAction<
  ReportFormState,
  typeof reportSchema,
  ReportFormValues
>({
  name: "submitReport",
  schema: reportSchema,
  values: reportValuesFromFormData,
  screen: screenBot,
  handler: async ({ formData, values, parsed }: Input, charge) => {
    const submissionId = postedSubmissionId(formData) ?? randomUUID();
    const postedLocale = formData.get("locale");
    const locale = hasLocale(routing.locales, postedLocale) ? postedLocale : await getLocale();

    // A form already sent (a reload, a second click) stores nothing more under its spent id.
    if ((parsed.success || changesFiles(formData)) && (await isSubmissionStored(submissionId)))
      return duplicate(submissionId);
    const files = await receiveWaitingFiles(formData, submissionId);

    // Sent back for corrections: the good files wait on the server under the form's id.
    if (!parsed.success || files.received.error) {
      const state: ReportFormState = {
        status: "refused",
        error: "invalid",
        fieldErrors: parsed.success ? {} : fieldErrorsOf(parsed.error),
        values,
        submissionId,
        files: await keepWaitingFiles(submissionId, files),
      };
      return { state, outcome: "invalid" };
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
    const filesAdmitted = await admitFiles(files.received.files);
    const result = await createReport({
      data: parsed.data,
      locale,
      submissionId,
      files: filesAdmitted ? files.received.files : [],
      collectKeptFiles: files.collect,
    });
    if (result.status === "duplicate") return duplicate(submissionId);
    if (result.status === "notOpen") {
      // No key to seal the report to yet: nothing is stored; what was typed and the files wait.
      const state: ReportFormState = {
        status: "refused",
        error: "notOpen",
        fieldErrors: {},
        values,
        submissionId,
        files: await keepWaitingFiles(submissionId, files),
      };
      return { state, outcome: "notOpen" };
    }
    const state: ReportFormState = {
      status: "done",
      submissionId,
      data: {
        receipt: formatReceipt(result.receipt),
        immediateDanger: parsed.data.immediateDanger === "yes",
        ...(filesAdmitted ? {} : { filesLater: true }),
        happeningToReporter: parsed.data.reporterRole === "self",
      },
    };
    return { state, outcome: filesAdmitted ? "created" : "createdWithoutFiles" };
  },
  // Everything typed goes back to the page, under the same one-time id, so sending it again later
  // stores the report exactly once.
  refused: (formData, reason): ReportFormState => ({
    status: "refused",
    error: reason,
    fieldErrors: {},
    submissionId: (formData && postedSubmissionId(formData)) ?? randomUUID(),
    values: formData ? reportValuesFromFormData(formData) : {},
    files: describeRefusedFiles(formData),
  }),
});
