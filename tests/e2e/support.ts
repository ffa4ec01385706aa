import { createHmac, hkdfSync } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import pg from "pg";

export const locales = ["sl", "en", "uk"] as const;
export type Locale = (typeof locales)[number];

type Messages = typeof import("../../messages/en.json");
export const messages = Object.fromEntries(
  locales.map((locale) => [
    locale,
    JSON.parse(readFileSync(path.resolve("messages", `${locale}.json`), "utf8")) as Messages,
  ]),
) as Record<Locale, Messages>;

export const screenshotDir = path.resolve("test-results", "screenshots");

/** Same derivation as lib/reports/receipt.ts, written out again so the test checks it independently. */
function receiptHash(receipt: string): string {
  const key = Buffer.from(
    hkdfSync("sha256", Buffer.from(process.env.APP_SECRET!, "utf8"), "prijavi", "receipt-v1", 32),
  );
  return createHmac("sha256", key).update(receipt.replace(/\s/g, ""), "utf8").digest("hex");
}

export async function query<T extends pg.QueryResultRow>(
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

export async function reportIdForReceipt(receipt: string): Promise<string> {
  const [row] = await query<{ id: string }>('SELECT id FROM "Report" WHERE "receiptHash" = $1', [
    receiptHash(receipt),
  ]);
  return row!.id;
}

export async function reportsWithReceipt(receipt: string) {
  return query<{ locale: string; urgency: string; status: string }>(
    'SELECT locale, urgency, status FROM "Report" WHERE "receiptHash" = $1',
    [receiptHash(receipt)],
  );
}

export type Answers = {
  forms: string[];
  indicators: string[];
  region: string;
  placeDetails?: string;
  whenPeriod: string;
  peopleCount: string;
  minors: string;
  immediateDanger: string;
  reporterRole: string;
  description: string;
};

export const sampleAnswers: Answers = {
  forms: ["labour", "childBegging"],
  indicators: ["documentsTaken", "littleOrNoPay"],
  region: "osrednjeslovenska",
  placeDetails: "Building site near the ring road",
  whenPeriod: "ongoing",
  peopleCount: "twoToFive",
  minors: "yes",
  immediateDanger: "no",
  reporterRole: "witness",
  description: "Workers sleep in a container and a boy begs at the crossroads for the same man.",
};

/** Fills the report form by element ids, which do not change with the language. */
export async function fillReport(page: Page, answers: Partial<Answers>) {
  for (const form of answers.forms ?? []) await page.locator(`#forms-${form}`).check();
  for (const indicator of answers.indicators ?? [])
    await page.locator(`#indicators-${indicator}`).check();
  if (answers.region) await page.locator("#region").selectOption(answers.region);
  if (answers.placeDetails) await page.locator("#placeDetails").fill(answers.placeDetails);
  if (answers.whenPeriod) await page.locator("#whenPeriod").selectOption(answers.whenPeriod);
  if (answers.peopleCount) await page.locator("#peopleCount").selectOption(answers.peopleCount);
  if (answers.minors) await page.locator(`#minors-${answers.minors}`).check();
  if (answers.immediateDanger)
    await page.locator(`#immediateDanger-${answers.immediateDanger}`).check();
  if (answers.reporterRole) await page.locator(`#reporterRole-${answers.reporterRole}`).check();
  if (answers.description) await page.locator("#description").fill(answers.description);
}

/**
 * Sends a report through the public form on `page` (whose context decides JavaScript on or off)
 * and returns the receipt shown and the stored report's id.
 */
export async function sendReport(
  page: Page,
  locale: Locale = "sl",
  answers: Partial<Answers> = sampleAnswers,
) {
  await page.goto(`/${locale}/report`);
  await fillReport(page, answers);
  await page.getByRole("button", { name: messages[locale].ReportForm.submit }).click();
  const receipt = (await page.getByTestId("receipt-code").textContent())!;
  return { receipt, reportId: await reportIdForReceipt(receipt) };
}
