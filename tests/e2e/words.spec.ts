import { expect, test, type Page } from "@playwright/test";
import { reportFieldNames, reportListFieldNames } from "../../lib/validation/report";
import { fillReport, locales, messages, sampleAnswers, screenshotDir } from "./support";

/** Each error-summary link points at an element that exists once and holds that question's control. */
async function expectLinksLand(page: Page) {
  const links = page.getByTestId("error-summary").getByRole("link");
  // Without JavaScript the summary comes with the page the post returns: wait for it to be there
  // (evaluateAll does not wait, and on a loaded machine it could read the page before the post).
  await expect(links.first()).toBeVisible();
  const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")!));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) {
    expect(href).toMatch(/^#[\w-]+-group$/);
    const target = page.locator(`[id="${href.slice(1)}"]`);
    await expect(target, href).toHaveCount(1);
    const name = href.slice(1, -"-group".length);
    expect(await target.locator(`[name="${name}"], [id="${name}"]`).count(), href).toBeGreaterThan(
      0,
    );
  }
  return hrefs;
}

test.describe("error summary without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  for (const locale of locales) {
    test(`every link lands on its question, everything missing, in ${locale}`, async ({ page }) => {
      await page.goto(`/${locale}/report`);
      await page.getByRole("button", { name: messages[locale].ReportForm.submit }).click();
      const hrefs = await expectLinksLand(page);
      expect(hrefs.sort()).toEqual(
        [
          "forms",
          "region",
          "whenPeriod",
          "peopleCount",
          "minors",
          "immediateDanger",
          "reporterRole",
          "description",
        ]
          .map((n) => `#${n}-group`)
          .sort(),
      );
      // The two yes / no / "I don't know" questions say which one is missing.
      await expect(page.locator("#minors-error")).toContainText(
        messages[locale].ReportForm.errors.minors.required,
      );
      await expect(page.locator("#immediateDanger-error")).toContainText(
        messages[locale].ReportForm.errors.immediateDanger.required,
      );
    });
  }

  test("the contact question's link lands too, and every field has a target", async ({ page }) => {
    await page.goto("/en/report");
    // Every field the form posts has the element its summary link would point to.
    for (const name of [...reportFieldNames, ...reportListFieldNames, "attachments"]) {
      await expect(page.locator(`[id="${name}-group"]`), name).toHaveCount(1);
    }
    await fillReport(page, sampleAnswers);
    await page.locator("#contactChoice-contact").check();
    await page.getByRole("button", { name: messages.en.ReportForm.submit }).click();
    expect(await expectLinksLand(page)).toEqual(["#contact-group"]);
  });
});

test.describe("the 90-day reflection period", () => {
  for (const locale of locales) {
    // English with JavaScript (the action's state), the others without (the server-rendered page).
    test(`is on the help page and on the receipt of someone it is happening to, in ${locale}`, async ({
      browser,
    }) => {
      const m = messages[locale];
      const context = await browser.newContext({ javaScriptEnabled: locale === "en" });
      const page = await context.newPage();
      await page.goto(`/${locale}/help`);
      const onHelp = page.getByTestId("reflection-period");
      await expect(onHelp).toContainText(m.HelpPage.reflectionText);
      await expect(onHelp).toContainText("90");

      await page.goto(`/${locale}/report`);
      if (locale === "en") await expect(page.locator("form[data-enhanced]")).toBeAttached();
      await fillReport(page, { ...sampleAnswers, reporterRole: "self" });
      await page.getByRole("button", { name: m.ReportForm.submit }).click();
      await expect(page.getByTestId("receipt-code")).toBeVisible();
      const onReceipt = page.getByTestId("reflection-period");
      await expect(onReceipt).toContainText(m.Receipt.reflectionText);
      await expect(onReceipt).toContainText("90");
      await page.screenshot({
        path: `${screenshotDir}/receipt-self-${locale}.png`,
        fullPage: true,
      });
      await context.close();
    });
  }

  test("is not on the receipt of a witness", async ({ page }) => {
    await page.goto("/uk/report");
    await fillReport(page, { ...sampleAnswers, reporterRole: "witness" });
    await page.getByRole("button", { name: messages.uk.ReportForm.submit }).click();
    await expect(page.getByTestId("receipt-code")).toBeVisible();
    await expect(page.getByTestId("reflection-period")).toHaveCount(0);
  });
});
