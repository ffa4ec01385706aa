import { expectNoViolations } from "./axe";
import { expect, test } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { locales, messages, query, screenshotDir } from "./support";

const publicPages = ["", "/report", "/follow-up", "/help", "/safety", "/no-traces"];
const exitUrl = "https://www.bbc.com/weather";

test.describe("accessibility (WCAG 2.2 AA, axe)", () => {
  for (const locale of locales) {
    test(`every public page in ${locale}`, async ({ page }) => {
      for (const path of publicPages) {
        await page.goto(`/${locale}${path}`);
        await expectNoViolations(page, `/${locale}${path}`);
      }
    });

    test(`the report form showing errors in ${locale}`, async ({ page }) => {
      await page.goto(`/${locale}/report`);
      await expect(page.locator("form[data-enhanced]")).toBeAttached();
      await page.getByRole("button", { name: messages[locale].ReportForm.submit }).click();
      await expect(page.getByTestId("error-summary")).toBeFocused();
      await expectNoViolations(page, `/${locale}/report with errors`);
    });
  }

  test("pages reflow without sideways scrolling at 200% zoom on a 360 px phone", async ({
    browser,
  }) => {
    // 200% zoom on a 360 px wide screen leaves 180 CSS pixels.
    const context = await browser.newContext({ viewport: { width: 180, height: 640 } });
    const page = await context.newPage();
    for (const locale of locales) {
      for (const path of publicPages) {
        await page.goto(`/${locale}${path}`);
        const overflow: number = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `/${locale}${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(
          0,
        );
      }
    }
    await context.close();
  });
});

test.describe("no request leaves the site, and every header is in place", () => {
  for (const locale of locales) {
    test(`public pages in ${locale}`, async ({ page }) => {
      const foreign: string[] = [];
      page.on("request", (request) => {
        if (!request.url().startsWith(baseURL) && !request.url().startsWith("data:"))
          foreign.push(request.url());
      });
      for (const path of publicPages) {
        const response = await page.goto(`/${locale}${path}`);
        const headers = response!.headers();
        const csp = headers["content-security-policy"] ?? "";
        const label = `/${locale}${path}`;
        expect(csp, label).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
        expect(csp, label).not.toContain("unsafe-inline");
        expect(csp, label).toContain("frame-ancestors 'none'");
        expect(csp, label).toContain("default-src 'self'");
        expect(headers["x-frame-options"], label).toBe("DENY");
        expect(headers["x-content-type-options"], label).toBe("nosniff");
        expect(headers["referrer-policy"], label).toBe("same-origin");
        expect(headers["permissions-policy"], label).toMatch(
          /camera=\(\).*microphone=\(\).*geolocation=\(\)/,
        );
        expect(headers["cache-control"], label).toContain("no-store");
        expect(headers["strict-transport-security"], label).toContain("max-age=");
        // The only cookie a reporter may get is the language.
        const cookies = (headers["set-cookie"] ?? "").split("\n").filter(Boolean);
        expect(
          cookies.every((cookie) => cookie.startsWith("NEXT_LOCALE=")),
          label,
        ).toBe(true);
        await page.waitForLoadState("networkidle");
      }
      expect(foreign).toEqual([]);
    });
  }

  test("a nonce is new on every response", async ({ request }) => {
    const nonce = async () =>
      /'nonce-([^']+)'/.exec(
        (await request.get("/en")).headers()["content-security-policy"] ?? "",
      )?.[1];
    const [a, b] = [await nonce(), await nonce()];
    expect(a).toBeTruthy();
    expect(a).not.toBe(b);
  });

  test("fields that could identify someone are not remembered by the browser", async ({ page }) => {
    await page.goto("/en/report");
    await expect(page.locator("form")).toHaveAttribute("autocomplete", "off");
    for (const id of ["#description", "#contact", "#placeDetails"]) {
      const own = await page.locator(id).getAttribute("autocomplete");
      expect(own === null || own === "off").toBe(true);
    }
  });
});

test.describe("quick exit", () => {
  test.beforeEach(async ({ context }) => {
    // The neutral site is never really contacted in tests.
    await context.route(`${exitUrl}**`, (route) =>
      route.fulfill({ contentType: "text/html", body: "<title>Weather</title>Weather" }),
    );
  });

  test("the button blanks the page, leaves, and Back does not return to the form", async ({
    page,
  }) => {
    await page.goto("/uk");
    await page.goto("/uk/report");
    await expect(page.locator("form[data-enhanced]")).toBeAttached();
    await page.locator("#description").fill("Це не повинно залишитися на екрані");
    await page.getByRole("link", { name: messages.uk.Layout.quickExit }).click();
    await expect(page).toHaveURL(exitUrl);
    await page.goBack();
    await expect(page).not.toHaveURL(/\/report/);
  });

  test("pressing Shift three times leaves too", async ({ page }) => {
    await page.goto("/en");
    await page.goto("/en/report");
    await expect(page.locator("form[data-enhanced]")).toBeAttached();
    await page.keyboard.press("Shift");
    await page.keyboard.press("Shift");
    await page.keyboard.press("Shift");
    await expect(page).toHaveURL(exitUrl);
    await page.goBack();
    await expect(page).not.toHaveURL(/\/report/);
  });

  test("the button is reachable by keyboard and named for screen readers", async ({ page }) => {
    await page.goto("/sl");
    const exit = page.getByRole("link", { name: messages.sl.Layout.quickExit });
    await expect(exit).toHaveAccessibleDescription(messages.sl.Layout.quickExitHint);
    await exit.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(exitUrl);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("the exit is a plain link that works", async ({ page }) => {
      await page.goto("/sl/help");
      await page.getByRole("link", { name: messages.sl.Layout.quickExit }).click();
      await expect(page).toHaveURL(exitUrl);
    });
  });
});

test.describe("help and safety pages", () => {
  test.use({ viewport: { width: 360, height: 780 } });

  for (const locale of locales) {
    test(`help and safety pages on a phone in ${locale}`, async ({ page }) => {
      await page.goto(`/${locale}/help`);
      for (const number of [
        "113",
        "0801200",
        "0801722",
        "+38613005960",
        "+38631470151",
        "+38614301288",
      ]) {
        await expect(page.locator(`a[href="tel:${number}"]`).first()).toBeVisible();
      }
      await expect(
        page.getByRole("link", { name: messages[locale].HelpPage.onlineFormLabel }),
      ).toHaveAttribute("href", /e-uprava\.gov\.si/);
      await page.screenshot({ path: `${screenshotDir}/help-${locale}-360.png`, fullPage: true });

      await page.goto(`/${locale}/safety`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        messages[locale].SafetyPage.title,
      );
      await expect(page.getByText(messages[locale].SafetyPage.tips.item11)).toBeVisible();
      await page.screenshot({ path: `${screenshotDir}/safety-${locale}-360.png`, fullPage: true });
    });
  }

  test("an edit to the organisation directory shows at once", async ({ page }) => {
    const [before] = await query<{ phones: unknown }>(
      `SELECT phones FROM "Organization" WHERE slug = 'filantropija'`,
    );
    try {
      await query(
        `UPDATE "Organization" SET phones = '[{"number": "+386 1 999 99 99", "kind": "office"}]' WHERE slug = 'filantropija'`,
      );
      await page.goto("/en/help");
      await expect(page.locator('a[href="tel:+38619999999"]')).toBeVisible();
    } finally {
      await query(`UPDATE "Organization" SET phones = $1 WHERE slug = 'filantropija'`, [
        JSON.stringify(before!.phones),
      ]);
    }
  });
});
