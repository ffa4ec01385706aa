"use server";

import { randomUUID } from "node:crypto";
import { hasLocale } from "next-intl";
import { getLocale } from "next-intl/server";
import { publicAction } from "@/lib/actions/public-action";
import { routing } from "@/lib/i18n/routing";
import { createReport } from "@/lib/reports/create-report";
import { formatReceipt, generateReceipt } from "@/lib/reports/receipt";
import { fieldErrors, reportSchema, reportValuesFromFormData } from "@/lib/validation/report";
import { honeypotField, type ReportFormState } from "@/components/report/report-form-state";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function submitReport(previous: ReportFormState, formData: FormData): Promise<ReportFormState> {
  const values = reportValuesFromFormData(formData);
  const submittedId = formData.get("submissionId");
  const submissionId = typeof submittedId === "string" && uuidPattern.test(submittedId) ? submittedId : randomUUID();
  const postedLocale = formData.get("locale");
  const locale = hasLocale(routing.locales, postedLocale) ? postedLocale : await getLocale();

  // A filled honeypot is a bot: it sees an ordinary success and nothing is stored.
  const honeypot = formData.get(honeypotField);
  if (typeof honeypot === "string" && honeypot.length > 0) {
    return { status: "success", submissionId, receipt: formatReceipt(generateReceipt()), immediateDanger: false };
  }

  const parsed = reportSchema.safeParse(values);
  if (!parsed.success) {
    return { status: "invalid", submissionId, values, errors: fieldErrors(parsed.error) };
  }

  const result = await createReport({ data: parsed.data, locale, submissionId });
  if (result.status === "duplicate") return { status: "duplicate", submissionId };
  return {
    status: "success",
    submissionId,
    receipt: formatReceipt(result.receipt),
    immediateDanger: parsed.data.immediateDanger === "yes",
  };
}

export const submitReportAction = publicAction<ReportFormState>("submitReport", submitReport, (previous, formData) => ({
  status: "error",
  submissionId: previous.submissionId,
  values: reportValuesFromFormData(formData),
}));
