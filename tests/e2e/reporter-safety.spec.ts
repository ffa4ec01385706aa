import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import {
  fillReport,
  locales,
  messages,
  query,
  reportIdForReceipt,
  sampleAnswers,
  screenshotDir,
  type Locale,
} from "./support";

// A reporter on a phone that someone else may pick up: the way out always works and is always in
// reach, nothing stays open behind it, a mistyped receipt is pointed out and kept, and every page
// says what it is in its own language.

const exitUrl = "https://www.bbc.com/weather";
const phone = { width: 360, height: 640 };
const suffix = " – Prijavi";

test.use({ viewport: phone });

async function neutralSite(context: BrowserContext) {
  // The neutral site is never really contacted in tests.
  await context.route(`${exitUrl}**`, (route) =>
    route.fulfill({ contentType: "text/html", body: "<title>Weather</title>Weather" }),
  );
}

async function submitReport(page: Page, locale: Locale): Promise<string> {
  await page.goto(`/${locale}/report`);
  await fillReport(page, sampleAnswers);
  await page.getByRole("button", { name: messages[locale].ReportForm.submit }).click();
  return (await page.getByTestId("receipt-code").textContent())!.trim();
}

async function openFollowUp(page: Page, locale: Locale, receipt: string) {
  await page.goto(`/${locale}/follow-up`);
  await page.locator("#receipt").fill(receipt);
  await page.getByRole("button", { name: messages[locale].FollowUp.open }).click();
  await expect(page.getByTestId("reporter-status")).toBeVisible();
}

const sessionsOf = async (reportId: string) =>
  Number(
    (
      await query<{ n: string }>(
        'SELECT count(*) AS n FROM "ReporterSession" WHERE "reportId" = $1',
        [reportId],
      )
    )[0]!.n,
  );

test.describe("the quick exit", () => {
  test.beforeEach(async ({ context }) => neutralSite(context));

  test("leaves the receipt page at once, with no dialog, and the receipt page is titled", async ({
    page,
  }) => {
    const dialogs: string[] = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.type());
      await dialog.dismiss();
    });
    await page.goto("/uk");
    await submitReport(page, "uk");
    await expect(page).toHaveTitle(`${messages.uk.Receipt.pageTitle}${suffix}`);
    await page.getByRole("link", { name: messages.uk.Layout.quickExit }).click();
    await expect(page).toHaveURL(exitUrl);
    expect(dialogs).toEqual([]);
    await page.goBack();
    await expect(page.getByTestId("receipt-code")).toHaveCount(0);
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`closes the open report: /follow-up asks for the code again (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ viewport: phone, javaScriptEnabled });
      await neutralSite(context);
      const page = await context.newPage();
      const receipt = await submitReport(page, "uk");
      const reportId = await reportIdForReceipt(receipt);
      await openFollowUp(page, "uk", receipt);

      const cookie = (await context.cookies()).find((c) => c.name === "prijavi_followup")!;
      expect(cookie.expires, "a session cookie: no Max-Age, no Expires").toBe(-1);
      expect(await sessionsOf(reportId)).toBe(1);

      await page.getByRole("link", { name: messages.uk.Layout.quickExit }).click();
      await expect(page).toHaveURL(exitUrl);
      // The server session is gone, not just the cookie: a copied cookie opens nothing either.
      await expect.poll(() => sessionsOf(reportId)).toBe(0);
      await expect
        .poll(async () => (await context.cookies()).map((c) => c.name))
        .not.toContain("prijavi_followup");

      await page.goto("/uk/follow-up");
      await expect(page.locator("#receipt")).toBeVisible();
      await expect(page.getByTestId("reporter-status")).toHaveCount(0);
      await context.close();
    });
  }

  test("the exit address alone ends the session, deletes the cookies and sends the person away", async ({
    request,
  }) => {
    const response = await request.get("/en/exit", { maxRedirects: 0 });
    expect(response.status()).toBe(303);
    expect(response.headers()["location"]).toBe(exitUrl);
    expect(response.headers()["cache-control"]).toContain("no-store");
    expect(response.headers()["clear-site-data"]).toContain('"cache"');
    expect(response.headers()["set-cookie"]).toMatch(/prijavi_followup=;/);
  });

  for (const locale of locales) {
    test(`is in view at the bottom of the long form in ${locale}`, async ({ page }) => {
      await page.goto(`/${locale}/report`);
      const submit = page.getByRole("button", { name: messages[locale].ReportForm.submit });
      await submit.scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await expect(submit).toBeInViewport();
      const exit = page.getByRole("link", { name: messages[locale].Layout.quickExit });
      await expect(exit).toBeInViewport({ ratio: 1 });
      // By keyboard too: focus moves to it without scrolling it out of view.
      await exit.focus();
      await expect(exit).toBeFocused();
      await expect(exit).toBeInViewport({ ratio: 1 });
    });
  }

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("stays in view at the bottom of the form and works", async ({ page }) => {
      await page.goto("/sl/report");
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const exit = page.getByRole("link", { name: messages.sl.Layout.quickExit });
      await expect(exit).toBeInViewport({ ratio: 1 });
      await exit.click();
      await expect(page).toHaveURL(exitUrl);
    });
  });
});

test.describe("a mistyped receipt", () => {
  /** The code with one digit changed, and with two neighbours swapped, each inside one group. */
  function typos(receipt: string) {
    const groups = receipt.split(" ");
    const wrongDigit = [...groups];
    wrongDigit[2] = `${wrongDigit[2]!.slice(0, 3)}${(Number(wrongDigit[2]![3]) + 1) % 10}${wrongDigit[2]!.slice(4)}`;
    const swapped = [...groups];
    const g = swapped[1]!;
    // The first pair of different neighbours in group 2 (a group of six random-looking digits has one).
    const at = [...g].findIndex((digit, i) => i < g.length - 1 && digit !== g[i + 1]);
    swapped[1] = g.slice(0, at) + g[at + 1] + g[at] + g.slice(at + 2);
    return [
      { typed: wrongDigit.join(" "), group: 3 },
      { typed: swapped.join(" "), group: 2 },
    ];
  }

  for (const javaScriptEnabled of [true, false]) {
    test(`is caught, kept in the field and its group pointed out (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ viewport: phone, javaScriptEnabled });
      const page = await context.newPage();
      const locale: Locale = javaScriptEnabled ? "en" : "sl";
      const receipt = await submitReport(page, locale);
      expect(receipt).toMatch(/^(\d{6} ){4}\d{6}$/);
      await page.goto(`/${locale}/follow-up`);
      if (javaScriptEnabled) await page.locator("#receipt").waitFor();

      const posts: string[] = [];
      page.on("request", (request) => {
        if (request.method() === "POST") posts.push(request.url());
      });
      for (const { typed, group } of typos(receipt)) {
        await page.locator("#receipt").fill(typed);
        await page.getByRole("button", { name: messages[locale].FollowUp.open }).click();
        const error = page.locator("#receipt-error");
        await expect(error).toBeVisible();
        await expect(error).toContainText(String(group));
        await expect(page.locator("#receipt")).toHaveValue(typed);
        await expect(page.locator("#receipt")).toHaveAttribute("aria-invalid", "true");
        await expect(page.getByTestId("receipt-groups").locator("[data-bad]")).toHaveText([
          typed.split(" ")[group - 1]!,
        ]);
      }
      // With JavaScript the browser caught both before anything was sent.
      if (javaScriptEnabled) expect(posts).toEqual([]);
      else expect(posts.length).toBe(2);
      await page.screenshot({ path: `${screenshotDir}/phone-follow-up-typo-${locale}.png` });

      // Corrected, the same field opens the report.
      await page.locator("#receipt").fill(receipt);
      await page.getByRole("button", { name: messages[locale].FollowUp.open }).click();
      await expect(page.getByTestId("reporter-status")).toBeVisible();
      await context.close();
    });
  }
});

test.describe("every page says what it is, in its language", () => {
  const titled: [string, (m: (typeof messages)[Locale]) => string][] = [
    ["/report", (m) => m.ReportForm.title],
    ["/follow-up", (m) => m.FollowUp.title],
    ["/help", (m) => m.HelpPage.title],
    ["/safety", (m) => m.SafetyPage.title],
    ["/no-traces", (m) => m.NoTracesPage.title],
    ["/sign-in", (m) => m.StaffAuth.signInTitle],
  ];

  for (const locale of locales) {
    test(`titles and the 404 page in ${locale}`, async ({ page }) => {
      const m = messages[locale];
      await page.goto(`/${locale}`);
      await expect(page).toHaveTitle(/Prijavi/);
      for (const [path, title] of titled) {
        await page.goto(`/${locale}${path}`);
        await expect(page, path).toHaveTitle(`${title(m)}${suffix}`);
      }

      const response = await page.goto(`/${locale}/no-such-page/here`);
      expect(response!.status()).toBe(404);
      await expect(page).toHaveTitle(`${m.Errors.notFoundTitle}${suffix}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.Errors.notFoundTitle);
      await expect(page.getByRole("link", { name: m.Layout.quickExit })).toBeInViewport();
      await expect(page.locator('a[href="tel:113"]')).toBeVisible();
      await expect(page.locator('a[href="tel:0801200"]')).toBeVisible();
      await page.screenshot({ path: `${screenshotDir}/phone-not-found-${locale}.png` });
    });
  }

  test("a path outside any language gets a 404 page in all three", async ({ page }) => {
    const response = await page.goto("/no-such-file.php");
    expect(response!.status()).toBe(404);
    await expect(page).toHaveTitle(`${messages.sl.Errors.notFoundTitle}${suffix}`);
    for (const locale of locales)
      await expect(page.getByText(messages[locale].Errors.notFoundTitle)).toBeVisible();
    await expect(page.locator('a[href="tel:113"]').first()).toBeVisible();
    await expect(page.locator('a[href="tel:0801200"]').first()).toBeVisible();
    await expect(page.locator("[data-quick-exit]")).toHaveAttribute("href", "/sl/exit");
  });
});

test.describe("on a 360×640 phone", () => {
  const pages = ["", "/report", "/follow-up", "/help", "/safety", "/no-traces"];

  for (const locale of locales) {
    test(`the first question is on the first screen, and every reporter page is photographed, in ${locale}`, async ({
      page,
    }) => {
      await page.goto(`/${locale}/report`);
      await expect(page.locator("#forms-group legend")).toBeInViewport({ ratio: 1 });
      for (const path of pages) {
        await page.goto(`/${locale}${path}`);
        await page.screenshot({
          path: `${screenshotDir}/phone-${path.slice(1) || "home"}-${locale}.png`,
        });
      }
      const receipt = await submitReport(page, locale);
      await page.screenshot({ path: `${screenshotDir}/phone-receipt-${locale}.png` });
      await openFollowUp(page, locale, receipt);
      await page.screenshot({ path: `${screenshotDir}/phone-follow-up-open-${locale}.png` });
    });
  }
});
