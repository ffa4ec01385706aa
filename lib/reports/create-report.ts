import "server-only";
import { randomUUID } from "node:crypto";
import { attachmentRows } from "@/lib/attachments/store";
import type { PreparedFile } from "@/lib/attachments/prepare";
import { db } from "@/lib/db";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { encryptText } from "@/lib/crypto/encryption";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Locale } from "@/lib/i18n/routing";
import { waitingIdentifierWrites } from "@/lib/links/waiting-identifiers";
import { triage } from "@/lib/triage";
import type { ReportData } from "@/lib/validation/report";
import { generateReceipt, hashReceipt } from "./receipt";

export type CreateReportOptions = {
  data: ReportData;
  locale: Locale;
  /** The form's one-time id: a second submission of the same form stores nothing. */
  submissionId: string;
  /** Files sent with this post. */
  files?: PreparedFile[];
  /** Whether files kept from earlier posts of the same form (under its id) are to join it. */
  collectKeptFiles?: boolean;
};

export type CreateReportResult =
  { status: "created"; receipt: string; reportId: string } | { status: "duplicate" };

const triState = { yes: "YES", no: "NO", unknown: "UNKNOWN" } as const;

export async function createReport({
  data,
  locale,
  submissionId,
  files = [],
  collectKeptFiles = false,
}: CreateReportOptions): Promise<CreateReportResult> {
  const id = randomUUID();
  const receipt = generateReceipt();
  const { urgency, urgencyReasons, suggestedRoute, routeReasons } = triage({ ...data, locale });
  const seal = (field: "description" | "contact" | "placeDetails", value: string | undefined) =>
    value === undefined ? null : encryptText(value, rowAad("Report", field, id));

  try {
    await db.$transaction([
      db.report.create({
        data: {
          id,
          receiptHash: hashReceipt(receipt),
          submissionId,
          locale,
          urgency,
          urgencyReasons,
          suggestedRoute,
          routeReasons,
          forms: data.forms,
          indicators: data.indicators,
          region: data.region,
          placeDetails: seal("placeDetails", data.placeDetails),
          whenPeriod: data.whenPeriod,
          whenDate: data.whenDate ? new Date(`${data.whenDate}T00:00:00Z`) : null,
          peopleCount: data.peopleCount,
          minors: triState[data.minors],
          immediateDanger: triState[data.immediateDanger],
          reporterRole: data.reporterRole,
          description: seal("description", data.description)!,
          contact: seal("contact", data.contact),
        },
        select: { id: true },
      }),
      // Identifiers in the answers wait sealed to the triage unit (lib/links, linked reports).
      ...(await waitingIdentifierWrites(id, data)),
      // Files kept while the form was sent back for corrections join the report in the same step.
      ...(collectKeptFiles
        ? [
            db.attachment.updateMany({
              where: { pendingSubmissionId: submissionId },
              data: { reportId: id, pendingSubmissionId: null },
            }),
          ]
        : []),
      ...(files.length
        ? [db.attachment.createMany({ data: attachmentRows(files, { reportId: id }) })]
        : []),
      db.auditEvent.create({
        data: {
          actorKind: "REPORTER",
          action: "report.submitted",
          reportId: id,
          detail: { urgency },
        },
        select: { id: true },
      }),
    ]);
  } catch (error) {
    if (isUniqueViolationOn(error, "submissionId")) return { status: "duplicate" };
    throw error;
  }
  return { status: "created", receipt, reportId: id };
}

function isUniqueViolationOn(error: unknown, field: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002")
    return false;
  const meta = JSON.stringify(error.meta ?? {});
  return meta.includes(field) || meta.includes("submission_id") || meta.includes("submissionId");
}
