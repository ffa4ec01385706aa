import { expect, test } from "@playwright/test";
import { locales, messages } from "./support";

test("the first visit's language follows Accept-Language", async ({ browser }) => {
  // The browser's language setting is what it sends as Accept-Language.
  for (const [browserLocale, locale] of [
    ["uk-UA", "uk"],
    ["en-GB", "en"],
    ["de-DE", "sl"],
  ] as const) {
    const context = await browser.newContext({ locale: browserLocale });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page).toHaveURL(new RegExp(`/${locale}$`));
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await context.close();
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("every page has a language switcher that keeps the page", async ({ page }) => {
    for (const path of ["", "/report"]) {
      for (const locale of locales) {
        await page.goto(`/${locale}${path}`);
        const nav = page.getByRole("navigation", { name: messages[locale].LanguageSwitcher.label });
        await expect(nav.locator('[aria-current="true"]')).toHaveText(
          messages[locale].LanguageSwitcher[locale],
        );
        const other = locales.find((l) => l !== locale)!;
        await nav.getByRole("link", { name: messages[other].LanguageSwitcher[other] }).click();
        await expect(page).toHaveURL(new RegExp(`/${other}${path}$`));
        await expect(page.locator("html")).toHaveAttribute("lang", other);
      }
    }
  });

  test("the home page leads to the form and shows the emergency numbers", async ({ page }) => {
    await page.goto("/uk");
    await expect(page.locator('a[href="tel:113"]')).toBeVisible();
    await page.getByRole("main").getByRole("link", { name: messages.uk.Home.reportCta }).click();
    await expect(page).toHaveURL(/\/uk\/report$/);
  });
});
