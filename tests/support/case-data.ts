import { randomUUID } from "node:crypto";
import { staffUserSelect, type StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { Locale } from "@/lib/i18n/routing";
import { createReport } from "@/lib/reports/create-report";
import { reportSchema } from "@/lib/validation/report";
import { seedOrganizations } from "@/prisma/seed";
import { makeTestKeys, openReporting } from "./test-keys";

// Reports and staff for data-layer tests: staff rows written directly (no sign-in needed to call
// lib functions), reports through the real createReport.

export const secretText = "Marta is kept in the cellar behind the bakery on Trubarjeva.";

export async function staffUser(
  role: "TRIAGE" | "ORG_STAFF" | "ADMIN",
  options: { organization?: string; disabled?: boolean; name?: string; locale?: string } = {},
): Promise<StaffUser> {
  const organizationId = options.organization
    ? (await db.organization.findUniqueOrThrow({ where: { slug: options.organization } })).id
    : null;
  return db.user.create({
    data: {
      id: randomUUID(),
      email: `${randomUUID()}@staff.test`,
      name: options.name ?? `Handler ${role}`,
      role,
      organizationId,
      locale: options.locale ?? "en",
      disabled: options.disabled ?? false,
      twoFactorEnabled: true,
    },
    select: staffUserSelect,
  });
}

/** The fewest answers the form accepts, with this description. */
export function minimalReportData(description: string, forms = ["labour"]) {
  return reportSchema.parse({
    forms,
    region: "unknown",
    whenPeriod: "unknown",
    peopleCount: "one",
    minors: "no",
    immediateDanger: "no",
    reporterRole: "witness",
    description,
  });
}

/**
 * A witness's report stored through the real createReport (the answers the schema requires, with
 * this text and these forms); returns its id.
 */
/** Answers with a contact and, if given, place details: every free-text field of the form filled. */
export function contactReportData(
  description: string,
  contact: string,
  placeDetails?: string,
  region = "unknown",
) {
  return reportSchema.parse({
    forms: ["labour"],
    region,
    whenPeriod: placeDetails ? "ongoing" : "unknown",
    peopleCount: "one",
    minors: "no",
    immediateDanger: "no",
    reporterRole: "witness",
    description,
    contactChoice: "contact",
    contact,
    ...(placeDetails ? { placeDetails } : {}),
  });
}

export async function newReport(
  options: { description?: string; forms?: string[]; locale?: Locale } = {},
): Promise<string> {
  return (await newReportWithReceipt(options)).reportId;
}

/** As newReport, with the receipt its reporter was given (support/reporter-keys.ts opens their key). */
export async function newReportWithReceipt({
  description = secretText,
  forms = ["labour"],
  locale = "uk",
}: { description?: string; forms?: string[]; locale?: Locale } = {}): Promise<{
  reportId: string;
  receipt: string;
}> {
  const data = minimalReportData(description, forms);
  await openReporting();
  const created = await createReport({ data, locale, submissionId: randomUUID() });
  if (created.status !== "created") throw new Error("report not created");
  return { reportId: created.reportId, receipt: created.receipt };
}

/** A stored report of the given urgency; returns its id, when it was created and its receipt. */
export async function storedReport(
  urgency: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" = "CRITICAL",
): Promise<{ id: string; createdAt: Date; receipt: string }> {
  const { reportId, receipt } = await newReportWithReceipt();
  const stored = await db.report.update({
    where: { id: reportId },
    data: { urgency },
    select: { id: true, createdAt: true },
  });
  return { ...stored, receipt };
}

export const organizationId = async (slug: string) =>
  (await db.organization.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;

/** Valid answers of someone it is happening to (the reflection period applies), for data tests. */
export const selfReportData = reportSchema.parse({
  forms: ["labour"],
  region: "savinjska",
  whenPeriod: "pastMonth",
  peopleCount: "one",
  minors: "no",
  immediateDanger: "no",
  reporterRole: "self",
  description: "I work without pay at a restaurant in Celje.",
});

/**
 * Seeds the organisation directory, with every organisation's keys (test-keys.ts: the form is
 * open and reports can be routed anywhere), and returns each organisation's id by slug.
 */
export async function seedOrganizationIds(): Promise<Record<string, string>> {
  await seedOrganizations(db);
  await makeTestKeys();
  const rows = await db.organization.findMany({ select: { slug: true, id: true } });
  return Object.fromEntries(rows.map((o) => [o.slug, o.id]));
}
