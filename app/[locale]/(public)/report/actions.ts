"use server";

import { randomUUID } from "node:crypto";
import { hasLocale } from "next-intl";
import { getLocale } from "next-intl/server";
import { publicAction } from "@/lib/actions/public-action";
import { rateLimits } from "@/lib/config";
import { routing } from "@/lib/i18n/routing";
import { createReport } from "@/lib/reports/create-report";
import { formatReceipt, generateReceipt } from "@/lib/reports/receipt";
import { fieldErrors, reportSchema, reportValuesFromFormData } from "@/lib/validation/report";
import { honeypotField, type ReportFormState } from "@/components/report/report-form-state";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The form's one-time id as posted, if it is one; the same id must come back after any failure. */
function postedSubmissionId(formData: FormData): string | undefined {
  const value = formData.get("submissionId");
  return typeof value === "string" && uuidPattern.test(value) ? value.toLowerCase() : undefined;
}

async function submitReport(formData: FormData): Promise<{ state: ReportFormState; outcome: string }> {
  const values = reportValuesFromFormData(formData);
  const submissionId = postedSubmissionId(formData) ?? randomUUID();
  const postedLocale = formData.get("locale");
  const locale = hasLocale(routing.locales, postedLocale) ? postedLocale : await getLocale();

  // A filled honeypot is a bot: it sees an ordinary success and nothing is stored.
  const honeypot = formData.get(honeypotField);
  if (typeof honeypot === "string" && honeypot.length > 0) {
    return {
      state: { status: "success", submissionId, receipt: formatReceipt(generateReceipt()), immediateDanger: false },
      outcome: "honeypot",
    };
  }

  const parsed = reportSchema.safeParse(values);
  if (!parsed.success) {
    return { state: { status: "invalid", submissionId, values, errors: fieldErrors(parsed.error) }, outcome: "invalid" };
  }

  const result = await createReport({ data: parsed.data, locale, submissionId });
  if (result.status === "duplicate") return { state: { status: "duplicate", submissionId }, outcome: "duplicate" };
  return {
    state: {
      status: "success",
      submissionId,
      receipt: formatReceipt(result.receipt),
      immediateDanger: parsed.data.immediateDanger === "yes",
    },
    outcome: "created",
  };
}

export const submitReportAction = publicAction<ReportFormState>({
  name: "submitReport",
  rateLimit: (formData) => ({
    perClientPerHour: rateLimits.submissionsPerHour(),
    globalPerHour: rateLimits.globalSubmissionsPerHour(),
    formId: postedSubmissionId(formData),
  }),
  handler: submitReport,
  // Everything typed goes back to the page, under the same one-time id, so sending it again later
  // stores the report exactly once.
  refused: (formData, reason) => ({
    status: "error",
    reason,
    submissionId: (formData && postedSubmissionId(formData)) ?? randomUUID(),
    values: formData ? reportValuesFromFormData(formData) : {},
  }),
});
