import "server-only";
import { randomUUID } from "node:crypto";
import { attachmentRows, resealWaitingFiles } from "@/lib/attachments/store";
import type { PreparedFile } from "@/lib/attachments/prepare";
import { db } from "@/lib/db";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { encryptText } from "@/lib/crypto/encryption";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Locale } from "@/lib/i18n/routing";
import { waitingIdentifierWrites } from "@/lib/links/waiting-identifiers";
import { triage } from "@/lib/triage";
import type { ReportData } from "@/lib/validation/report";
import { newReporterKeySalt, reporterKeyPair } from "@/lib/followup/reporter-keys";
import { generateReceipt, hashReceipt } from "./receipt";
import { findTriageOrganizationKey, newContentKey, sealedReportKey } from "./report-keys";

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
  | { status: "created"; receipt: string; reportId: string }
  | { status: "duplicate" }
  /** The police have no key yet (made on the Keys page): nothing is stored, nothing is lost. */
  | { status: "notOpen" };

const triState = { yes: "YES", no: "NO", unknown: "UNKNOWN" } as const;

export async function createReport({
  data,
  locale,
  submissionId,
  files = [],
  collectKeptFiles = false,
}: CreateReportOptions): Promise<CreateReportResult> {
  // Sealed reports: the content is encrypted under a new key of its own, which is kept only
  // sealed to the police's public key (lib/reports/report-keys.ts) and forgotten with this call.
  const police = await findTriageOrganizationKey();
  if (!police) return { status: "notOpen" };
  const id = randomUUID();
  const contentKey = newContentKey();
  const receipt = generateReceipt();
  const { urgency, urgencyReasons, suggestedRoute, routeReasons } = triage({ ...data, locale });
  const seal = (field: "description" | "contact" | "placeDetails", value: string | undefined) =>
    value === undefined ? null : encryptText(value, rowAad("Report", field, id), contentKey);
  const reportKey = await sealedReportKey(id, contentKey, police);
  // The reporter's key, from the receipt: conversations are sealed to it (lib/followup/reporter-keys.ts).
  const reporterKeySalt = newReporterKeySalt();
  const reporterKey = await reporterKeyPair(receipt, reporterKeySalt);
  const keptFiles = collectKeptFiles ? await resealWaitingFiles(submissionId, contentKey) : [];

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
          reporterPublicKey: new Uint8Array(reporterKey.publicKey),
          reporterKeySalt: new Uint8Array(reporterKeySalt),
        },
        select: { id: true },
      }),
      // Identifiers in the answers wait sealed to the triage unit (lib/links, linked reports).
      ...(await waitingIdentifierWrites(id, data, police)),
      db.reportKey.create({ data: reportKey, select: { id: true } }),
      // Files kept while the form was sent back for corrections join the report in the same
      // step, moved from the form's key to the report's (each only if it is still waiting).
      ...keptFiles.map(({ where, data }) =>
        db.attachment.updateMany({ where, data: { ...data, reportId: id } }),
      ),
      ...(files.length
        ? [
            db.attachment.createMany({
              data: attachmentRows(files, { reportId: id }, contentKey),
            }),
          ]
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
