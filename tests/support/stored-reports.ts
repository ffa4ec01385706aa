import { createHmac, hkdfSync } from "node:crypto";
import { decryptText } from "@/lib/crypto/encryption";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import type { ReportInput } from "@/lib/validation/report";
import { openContentKey } from "@/lib/reports/report-keys";
import { withPg } from "./database";
import { organizationKeyFor } from "./test-keys";

// Reads reports back the way an auditor would: straight from PostgreSQL, decrypted with the
// police's key (sealed reports) or the test run's DATA_ENCRYPTION_KEY (older ones), and turned
// back into the form's input so the one schema can judge them.

type Row = {
  id: string;
  submissionId: string;
  receiptHash: string;
  locale: string;
  status: string;
  urgency: string;
  urgencyReasons: string[];
  suggestedRoute: string[];
  routeReasons: string[];
  forms: string[];
  indicators: string[];
  region: string;
  whenPeriod: string;
  whenDate: string | null;
  peopleCount: string;
  minors: string;
  immediateDanger: string;
  reporterRole: string;
  placeDetails: string | null;
  description: string;
  contact: string | null;
};

export type StoredReport = Row & { input: ReportInput; plaintext: string[] };

export async function storedReports(
  where = "TRUE",
  values: unknown[] = [],
): Promise<StoredReport[]> {
  const rows = await withPg(
    async (c) =>
      (
        await c.query<Row>(
          `SELECT id, "submissionId", "receiptHash", locale, status, urgency, "urgencyReasons", "suggestedRoute", "routeReasons",
                  forms, indicators, region, "whenPeriod", to_char("whenDate", 'YYYY-MM-DD') AS "whenDate", "peopleCount",
                  minors, "immediateDanger", "reporterRole", "placeDetails", description, contact
           FROM "Report" WHERE ${where}`,
          values,
        )
      ).rows,
  );
  // Sealed reports open with the police's key, which the test custodian holds (test-keys.ts).
  const police = [await organizationKeyFor("police")];
  const contentKeys = await Promise.all(rows.map((row) => openContentKey(row.id, police)));
  return rows.map((row, i) => {
    const open = (field: "description" | "contact" | "placeDetails") => {
      const value = row[field];
      return value === null
        ? undefined
        : decryptText(value, rowAad("Report", field, row.id), contentKeys[i] ?? undefined);
    };
    const description = open("description")!;
    const contact = open("contact");
    const placeDetails = open("placeDetails");
    const lower = (value: string) => value.toLowerCase() as "yes" | "no" | "unknown";
    const input = {
      forms: row.forms,
      indicators: row.indicators,
      region: row.region,
      placeDetails,
      whenPeriod: row.whenPeriod,
      whenDate: row.whenDate ?? undefined,
      peopleCount: row.peopleCount,
      minors: lower(row.minors),
      immediateDanger: lower(row.immediateDanger),
      reporterRole: row.reporterRole,
      description,
      contactChoice: contact === undefined ? "anonymous" : "contact",
      contact,
    } as ReportInput;
    return {
      ...row,
      input,
      plaintext: [description, contact, placeDetails].filter((v): v is string => v !== undefined),
    };
  });
}

/** The stored hash of a receipt as shown on the page (same derivation as lib/reports/receipt.ts). */
export function receiptHashOf(receipt: string): string {
  const key = Buffer.from(
    hkdfSync("sha256", Buffer.from(process.env.APP_SECRET!, "utf8"), "prijavi", "receipt-v1", 32),
  );
  return createHmac("sha256", key).update(receipt.replace(/\s/g, ""), "utf8").digest("hex");
}

/** How many reports were stored from these forms (by their one-time submission ids). */
export const reportsStoredFrom = (...submissionIds: string[]) =>
  withPg(
    async (c) =>
      (
        await c.query(
          `SELECT count(*)::int AS n FROM "Report" WHERE "submissionId" = ANY($1::uuid[])`,
          [submissionIds],
        )
      ).rows[0].n as number,
  );
