import { expect, test } from "@playwright/test";
import { locales } from "./support";

// A reporter on a slow phone over Tor pays for every kilobyte in seconds. With JavaScript off and
// nothing cached, each reporter page (HTML, stylesheet, icon; compressed as `next start` sends
// them, headers included) stays within this budget. scripts/lib/bench-pages.mjs prints the figures.
const budgetBytes = 40 * 1024;
const reporterPages = ["", "/report", "/follow-up", "/help", "/safety", "/no-traces"];

test.describe("reporter pages without JavaScript, cold cache", () => {
  for (const locale of locales) {
    for (const path of reporterPages) {
      test(`/${locale}${path} weighs at most 40 kB and asks nothing of another origin`, async ({
        browser,
        baseURL,
      }) => {
        const origin = new URL(baseURL!).origin;
        const context = await browser.newContext({ javaScriptEnabled: false });
        const page = await context.newPage();
        const requested: string[] = [];
        const sizes: Promise<number>[] = [];
        page.on("request", (request) => requested.push(request.url()));
        page.on("requestfinished", (request) =>
          sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)),
        );
        const response = await page.goto(`/${locale}${path}`, { waitUntil: "networkidle" });
        expect(response?.status()).toBe(200);
        const bytes = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
        await context.close();

        expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
        // No font file at all: the system's fonts are there at the first paint, so nothing shifts.
        expect(requested.filter((url) => /\.(woff2?|ttf|otf)(\?|$)/.test(url))).toEqual([]);
        expect(bytes, `${bytes} bytes`).toBeLessThanOrEqual(budgetBytes);
        expect(bytes, "measured nothing").toBeGreaterThan(1000);
      });
    }
  }
});
