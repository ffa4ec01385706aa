import { expect, test } from "@playwright/test";
import {
  fillReport,
  locales,
  messages,
  query,
  reportsWithReceipt,
  sampleAnswers,
  screenshotDir,
} from "./support";

const receiptPattern = /^\d{6}( \d{6}){4}$/;

test.describe("report with JavaScript", () => {
  for (const locale of locales) {
    test(`a full report in ${locale}, confirmed before leaving`, async ({ page }) => {
      const m = messages[locale];
      await page.goto(`/${locale}/report`);
      await expect(page.locator("form[data-enhanced]")).toBeAttached();
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.ReportForm.title);

      await fillReport(page, sampleAnswers);
      await page.screenshot({ path: `${screenshotDir}/report-form-${locale}.png`, fullPage: true });
      await page.getByRole("button", { name: m.ReportForm.submit }).click();

      const code = page.getByTestId("receipt-code");
      await expect(code).toHaveText(receiptPattern);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.Receipt.title);
      await page.screenshot({ path: `${screenshotDir}/receipt-${locale}.png`, fullPage: true });

      // The receipt is nowhere in the address, and exactly one report carries its hash.
      const receipt = (await code.textContent())!;
      expect(page.url()).not.toContain(receipt.replace(/\s/g, "").slice(0, 10));
      expect(await reportsWithReceipt(receipt)).toEqual([
        { locale, urgency: "HIGH", status: "NEW" },
      ]);

      // Leaving needs the confirmation first.
      await page.getByRole("button", { name: m.Receipt.done }).click();
      await expect(page.getByText(m.Receipt.leaveWarning)).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`/${locale}/report$`));
      await page.getByLabel(m.Receipt.confirm).check();
      await page.getByRole("button", { name: m.Receipt.done }).click();
      await expect(page).toHaveURL(new RegExp(`/${locale}\\??$`));
    });
  }

  test("checks answers in the browser before sending, with localized messages", async ({
    page,
  }) => {
    const m = messages.uk.ReportForm;
    await page.goto("/uk/report");
    await expect(page.locator("form[data-enhanced]")).toBeAttached();
    await page.locator("#description").fill("коротко");
    await page.getByRole("button", { name: m.submit }).click();
    const summary = page.getByTestId("error-summary");
    await expect(summary).toBeFocused();
    await expect(summary).toContainText(m.errors.forms.required);
    await expect(summary).toContainText(m.errors.description.tooShort);
    await expect(page.locator("#description")).toHaveAttribute("aria-invalid", "true");
  });

  test("shows the emergency numbers as soon as someone is in danger", async ({ page }) => {
    await page.goto("/en/report");
    await expect(page.locator("form[data-enhanced]")).toBeAttached();
    const alert = page.getByText(messages.en.Emergency.dangerTitle);
    await expect(alert).toBeHidden();
    await page.locator("#immediateDanger-yes").check();
    await expect(alert).toBeVisible();
    await expect(page.locator('a[href="tel:113"]').first()).toBeVisible();
    await expect(page.locator('a[href="tel:0801200"]').first()).toBeVisible();
  });
});

test.describe("report without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("invalid first: localized errors beside the fields and nothing typed is lost; then it succeeds", async ({
    page,
  }) => {
    const m = messages.sl.ReportForm;
    await page.goto("/sl/report");
    const description =
      "Soseda so zaprli v kletnem stanovanju, njegove dokumente ima lastnik. Привіт.";
    await fillReport(page, {
      forms: ["domesticServitude"],
      placeDetails: "Ulica pri postaji",
      description,
      minors: "unknown",
    });
    await page.getByRole("button", { name: m.submit }).click();

    // The server answered with the same page: errors in Slovene, and the answers still there.
    await expect(page.getByTestId("error-summary")).toContainText(m.errors.region.required);
    await expect(page.locator("#region-error")).toHaveText(
      new RegExp(m.errors.region.required.slice(0, 20)),
    );
    await expect(page.locator("#immediateDanger-error")).toContainText(
      m.errors.immediateDanger.required,
    );
    await expect(page.locator("#description")).toHaveValue(description);
    await expect(page.locator("#placeDetails")).toHaveValue("Ulica pri postaji");
    await expect(page.locator("#forms-domesticServitude")).toBeChecked();
    await expect(page.locator("#minors-unknown")).toBeChecked();
    await page.screenshot({ path: `${screenshotDir}/report-errors-no-js-sl.png`, fullPage: true });

    await fillReport(page, {
      region: "unknown",
      whenPeriod: "pastYear",
      peopleCount: "one",
      immediateDanger: "yes",
      reporterRole: "relative",
    });
    await page.getByRole("button", { name: m.submit }).click();

    const code = page.getByTestId("receipt-code");
    await expect(code).toHaveText(/^\d{6}( \d{6}){4}$/);
    // Someone in danger: the numbers are on the receipt page too.
    await expect(page.getByText(messages.sl.Emergency.dangerTitle)).toBeVisible();
    const receipt = (await code.textContent())!;
    expect(await reportsWithReceipt(receipt)).toEqual([
      { locale: "sl", urgency: "CRITICAL", status: "NEW" },
    ]);
    await page.screenshot({ path: `${screenshotDir}/receipt-no-js-sl.png`, fullPage: true });

    // Nothing about the reporter's connection is stored anywhere.
    const rows = await query<{ row: string }>(
      `SELECT row_to_json(r)::text AS row FROM "Report" r UNION ALL SELECT row_to_json(a)::text FROM "AuditEvent" a`,
    );
    const everything = rows.map((r) => r.row).join("\n");
    expect(everything).not.toContain("127.0.0.1");
    expect(everything).not.toMatch(/HeadlessChrome|Mozilla/);
  });

  test("the danger notice appears through CSS alone", async ({ page }) => {
    await page.goto("/uk/report");
    const alert = page.getByText(messages.uk.Emergency.dangerTitle);
    await expect(alert).toBeHidden();
    await page.locator("#immediateDanger-yes").check();
    await expect(alert).toBeVisible();
  });

  test("the receipt confirmation works as a plain form", async ({ page }) => {
    const m = messages.en;
    await page.goto("/en/report");
    await fillReport(page, sampleAnswers);
    await page.getByRole("button", { name: m.ReportForm.submit }).click();
    await expect(page.getByTestId("receipt-code")).toHaveText(/^\d{6}( \d{6}){4}$/);
    // The browser itself refuses to leave until the box is ticked.
    await page.getByRole("button", { name: m.Receipt.done }).click();
    await expect(page.getByTestId("receipt-code")).toBeVisible();
    await page.getByLabel(m.Receipt.confirm).check();
    await page.getByRole("button", { name: m.Receipt.done }).click();
    await expect(page).toHaveURL(/\/en\??$/);
  });
});
