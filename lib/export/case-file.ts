import "server-only";
import { getFormatter, getTranslations } from "next-intl/server";
import { fileDigestsForStaff } from "@/lib/attachments/store";
import { recordAudit } from "@/lib/audit/record-audit";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { OrganizationKeyPair } from "@/lib/keys/organization-keys";
import { supportedLocale, type Locale } from "@/lib/i18n/routing";
import { organizationName } from "@/lib/organizations/list-organizations";
import { getReferralCardDetails } from "@/lib/referrals/referral-cards";
import { answerRows } from "@/lib/reports/answer-rows";
import { loadReportForStaff, type ReportDetail } from "@/lib/reports/get-report";
import { isRouteReason, isUrgencyReason } from "@/lib/triage";
import { PdfDocumentWriter } from "./pdf-document";

// A report as a PDF for a police or NGO case file: the answers in the exporter's language and in
// the report's own, the triage reasons, the referrals, the exporter's own organisation's
// conversation with the reporter, the files with their SHA-256, the timeline, and on every page
// who exported it and when. Scope is loadReportForStaff's: what the exporter may open, nothing more
// (another organisation's conversation and notes are never in it). Every export is audited.

export type CaseFile = { reference: string; bytes: Uint8Array };

export async function exportCaseFile(
  reportId: string,
  user: StaffUser,
  locale: Locale,
  keys: OrganizationKeyPair[],
  now = new Date(),
): Promise<CaseFile | null> {
  const report = await loadReportForStaff(reportId, user, keys);
  if (!report) return null;
  const digests = await fileDigestsForStaff(report.id, user, keys);
  // Who routed, acknowledged and closed each referral, and the notes on it, as its card shows.
  const cards = await getReferralCardDetails(report.id, report.referrals, user, keys);
  const organization = user.organizationId
    ? await db.organization.findUnique({
        where: { id: user.organizationId },
        select: { nameSl: true, nameEn: true, nameUk: true },
      })
    : null;
  const bytes = await renderCaseFile(report, {
    locale,
    exporter: user.name,
    organization: organization ? organizationName(organization, locale) : null,
    exportedAt: now,
    digests,
    cards,
  });
  await recordAudit({
    action: "report.exported",
    actorKind: "STAFF",
    actorId: user.id,
    reportId: report.id,
  });
  return { reference: report.reference, bytes };
}

type RenderOptions = {
  locale: Locale;
  exporter: string;
  organization: string | null;
  exportedAt: Date;
  digests: Map<string, string>;
  cards: Awaited<ReturnType<typeof getReferralCardDetails>>;
};

async function renderCaseFile(report: ReportDetail, options: RenderOptions) {
  const { locale } = options;
  const t = await getTranslations({ locale, namespace: "CaseFile" });
  const triage = await getTranslations({ locale, namespace: "Triage" });
  // Sealed to keys the exporter's session does not hold: the file says so where the text would be.
  const sealed = await getTranslations({ locale, namespace: "SealedReports" });
  const format = await getFormatter({ locale });
  const stamp = (date: Date) => format.dateTime(date, "stamp");
  const doc = await PdfDocumentWriter.create(t("title", { reference: report.reference }));

  doc.heading(t("title", { reference: report.reference }), 1);
  doc.field(t("received"), stamp(report.createdAt));
  doc.field(triage("status"), triage(`statuses.${report.status}`));
  doc.field(triage("urgency"), triage(`urgencies.${report.urgency}`));

  doc.heading(triage("answers"));
  for (const row of await answerRows(report, locale)) doc.field(row.label, row.value);
  if (report.sealed) doc.paragraph(sealed("reportSealed"));
  doc.field(triage("description"), report.description ?? sealed("fieldSealed"));

  const original = supportedLocale(report.locale);
  if (original !== locale) {
    const languageName = new Intl.DisplayNames([locale], { type: "language" }).of(original);
    doc.heading(t("original", { language: languageName ?? original }));
    for (const row of await answerRows(report, original)) doc.field(row.label, row.value);
  }

  doc.heading(t("triageReasons"));
  doc.field(
    triage("urgencyReasons"),
    report.urgencyReasons
      .map((r) => (isUrgencyReason(r) ? triage(`reasons.${r}`) : r))
      .join("; ") || triage("noReasons"),
  );
  doc.field(
    triage("routeReasons"),
    report.routeReasons
      .map((r) => (isRouteReason(r) ? triage(`routeReasonsList.${r}`) : r))
      .join("; ") || "—",
  );

  doc.heading(triage("referralsTitle"));
  if (report.referrals.length === 0) doc.paragraph(t("noReferrals"));
  for (const referral of report.referrals) {
    const state = referral.closedAt
      ? t("referralClosed", {
          date: stamp(referral.closedAt),
          outcome: referral.outcome ? triage(`outcomes.${referral.outcome}`) : "—",
        })
      : referral.acknowledgedAt
        ? t("referralAcknowledged", { date: stamp(referral.acknowledgedAt) })
        : t("referralWaiting");
    const { nameOf, notes } = options.cards;
    const by = (id: string | null) => (nameOf(id) ? ` (${nameOf(id)})` : "");
    const closerOrAcknowledger = referral.closedAt
      ? referral.closedById
      : referral.acknowledgedById;
    doc.field(
      organizationName(referral.organization, locale),
      [
        t("referralSent", { date: stamp(referral.createdAt) }) + by(referral.routedById),
        state + by(closerOrAcknowledger),
        referral.note,
        ...(notes.get(referral.id) ?? []).map(
          (note) =>
            `${stamp(note.createdAt)} ${note.author}: ${note.body ?? sealed("fieldSealed")}`,
        ),
      ]
        .filter(Boolean)
        .join("\n"),
    );
  }

  doc.heading(t("conversation"));
  if (report.messages.length === 0) doc.paragraph(t("noMessages"));
  for (const message of report.messages) {
    const from = message.fromReporter ? triage("fromReporter") : (message.author?.name ?? "—");
    doc.field(`${stamp(message.createdAt)}\n${from}`, message.body ?? sealed("fieldSealed"));
  }

  doc.heading(t("files"));
  if (report.attachments.length === 0) doc.paragraph(t("noFiles"));
  for (const file of report.attachments) {
    doc.field(
      file.name ?? sealed("fileNameSealed"),
      [
        t("fileFacts", {
          type: file.mediaType,
          size: format.number(file.size),
          date: stamp(file.createdAt),
        }),
        // In groups of eight: it wraps between groups and is easier to compare by eye.
        `SHA-256: ${options.digests.get(file.id)?.match(/.{8}/g)?.join(" ") ?? "—"}`,
      ].join("\n"),
    );
  }

  doc.heading(t("timeline"));
  for (const event of timeline(report, locale)) {
    doc.field(stamp(event.at), t(`events.${event.kind}`, { organization: event.organization }));
  }

  const exportedAt = stamp(options.exportedAt);
  return doc.finish((page, pages) =>
    t("footer", {
      reference: report.reference,
      name: options.exporter,
      organization: options.organization ?? t("triageUnit"),
      date: exportedAt,
      page,
      pages,
    }),
  );
}

type TimelineEvent = {
  at: Date;
  kind: "received" | "firstLook" | "routed" | "acknowledged" | "referralClosed" | "closed";
  organization: string;
};

/** What happened to the report, in order, from its own dates (the audit log is triage's only). */
function timeline(report: ReportDetail, locale: Locale): TimelineEvent[] {
  const events: TimelineEvent[] = [{ at: report.createdAt, kind: "received", organization: "" }];
  if (report.firstSeenAt)
    events.push({ at: report.firstSeenAt, kind: "firstLook", organization: "" });
  for (const referral of report.referrals) {
    const organization = organizationName(referral.organization, locale);
    events.push({ at: referral.createdAt, kind: "routed", organization });
    if (referral.acknowledgedAt)
      events.push({ at: referral.acknowledgedAt, kind: "acknowledged", organization });
    if (referral.closedAt)
      events.push({ at: referral.closedAt, kind: "referralClosed", organization });
  }
  if (report.closedAt) events.push({ at: report.closedAt, kind: "closed", organization: "" });
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}
