import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { expectNoViolations } from "./axe";
import { createStaff, signIn, tsx } from "./staff-support";
import { locales, messages, query } from "./support";

// The statistics page in a real browser: axe in every language, the suppressed cells on the page
// and in the CSV a click downloads, and the period form without JavaScript. The reports are put
// in 2019, a year no other test writes to, so the counts are this test's own.

const year = 2019;
const period = `from=${year}-01&to=${year}-12`;

test.beforeAll(async () => {
  await query(
    `DELETE FROM "Report" WHERE "createdAt" >= '${year}-01-01' AND "createdAt" < '${year + 1}-01-01'`,
  );
  const reports = [
    ...Array.from({ length: 6 }, (_, i) => ({
      region: "podravska",
      createdAt: `${year}-03-0${i + 1}T10:00:00Z`,
    })),
    ...Array.from({ length: 2 }, (_, i) => ({
      region: "koroska",
      createdAt: `${year}-04-0${i + 1}T10:00:00Z`,
    })),
  ];
  tsx(["tests/support/statistics-reports-cli.ts", JSON.stringify(reports)]);
});

const regionRow = (page: import("@playwright/test").Page, key: string) =>
  page.getByTestId("figure-regions").locator(`tr[data-key="${key}"] td`);

test("statistics: axe in three languages, suppressed cells shown and downloaded", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await signIn(page, createStaff("TRIAGE"));
  for (const locale of locales) {
    const m = messages[locale];
    await page.goto(`/${locale}/dashboard/statistics?${period}`);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expect(page.getByRole("heading", { level: 1, name: m.Statistics.title })).toBeVisible();
    await expect(regionRow(page, "podravska")).toHaveText("6");
    await expect(regionRow(page, "koroska")).toHaveText("< 5");
    await expect(page.getByTestId("figure-regions").locator("svg[aria-hidden=true]")).toBeVisible();
    await expectNoViolations(page, `/${locale}/dashboard/statistics`);
  }

  // The page is in Ukrainian now: its CSV link downloads the table as shown, with Cyrillic intact.
  const uk = messages.uk;
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page
      .getByRole("link", {
        name: uk.Statistics.downloadCsv.replace("{table}", uk.Statistics.tables.regions.title),
      })
      .click(),
  ]);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString("utf8").trim().split("\r\n");
  expect(lines[0]).toBe(`"${uk.Statistics.tables.regions.column}","${uk.Statistics.reports}"`);
  expect(lines).toContain(`"${uk.ReportForm.region.options.podravska}","6"`);
  expect(lines).toContain(`"${uk.ReportForm.region.options.koroska}","< 5"`);
  expect(lines.at(-1)).toBe(`"${uk.Statistics.total}","8"`);
});

test("statistics without JavaScript: the period form works", async ({ browser }) => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(page, createStaff("ADMIN"), "sl");
  await page.goto("/sl/dashboard");
  await page.getByRole("link", { name: messages.sl.Dashboard.nav.statistics }).click();
  await expect(page).toHaveURL(/\/sl\/dashboard\/statistics$/);
  await page.locator('input[name="from"]').fill(`${year}-01`);
  await page.locator('input[name="to"]').fill(`${year}-12`);
  await page.getByRole("button", { name: messages.sl.Statistics.apply }).click();
  await expect(page).toHaveURL(new RegExp(`from=${year}-01&to=${year}-12`));
  await expect(regionRow(page, "podravska")).toHaveText("6");
  await expect(regionRow(page, "koroska")).toHaveText("< 5");
  await expect(page.getByTestId("figure-months").locator('tr[data-key="2019-03"] td')).toHaveText(
    "6",
  );
});
