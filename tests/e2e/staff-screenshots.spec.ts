import { expect, test, type Page } from "@playwright/test";
import { createStaff, signIn } from "./staff-support";
import { messages, screenshotDir, sendReport } from "./support";

// The staff workspace photographed in Slovene at 1440×900 (test-results/screenshots/staff-*.png):
// the report list, a report with two referrals and two conversations, and an NGO's inbox. Each
// photograph is checked for what it is meant to show, not only taken.

test.setTimeout(300_000);
const sl = messages.sl;
const desktop = { viewport: { width: 1440, height: 900 } };

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, page.url()).toBeLessThanOrEqual(0);
}

async function writeToReporter(page: Page, reportId: string, body: string) {
  await page.goto(`/sl/dashboard/reports/${reportId}`);
  await page.locator("#message-body").fill(body);
  await page.getByRole("button", { name: sl.Triage.sendMessage }).click();
  await expect(page.getByTestId("staff-thread")).toContainText(body);
}

test("the list, a report with two referrals and two conversations, and the NGO inbox at 1440×900", async ({
  browser,
}) => {
  const reporter = await (await browser.newContext()).newPage();
  const { reportId } = await sendReport(reporter);

  const officer = await (await browser.newContext(desktop)).newPage();
  await signIn(officer, createStaff("TRIAGE"), "sl");
  await officer.goto(`/sl/dashboard/reports/${reportId}`);
  const panel = officer.getByTestId("route-panel");
  for (const checkbox of await panel.getByRole("checkbox").all()) await checkbox.uncheck();
  await officer.locator("#route-kljuc").check();
  await officer.locator("#route-caritas").check();
  await officer.getByRole("button", { name: sl.Triage.routeSubmit }).click();
  await expect(officer.getByTestId("referral")).toHaveCount(2);
  await writeToReporter(officer, reportId, "Policija: ali ste zdaj na varnem?");

  const kljuc = await (await browser.newContext(desktop)).newPage();
  await signIn(kljuc, createStaff("ORG_STAFF", "kljuc"), "sl");
  await writeToReporter(kljuc, reportId, "Ključ: lahko poveste, v katerem kraju je to?");

  // The list.
  await officer.goto("/sl/dashboard/reports");
  await expect(
    officer.locator("tr", { has: officer.locator(`a[href$="${reportId}"]`) }),
  ).toBeVisible();
  await expectNoSidewaysScroll(officer);
  await officer.screenshot({ path: `${screenshotDir}/staff-reports-sl.png` });

  // The report: answers on the left, the decisions beside them, both starting on the first screen.
  await officer.goto(`/sl/dashboard/reports/${reportId}`);
  await expect(officer.getByTestId("referral")).toHaveCount(2);
  await expect(officer.getByTestId("staff-thread")).toContainText("Policija:");
  await expect(officer.getByTestId("threads-overview")).toBeVisible();
  await expectNoSidewaysScroll(officer);
  const answers = (await officer.getByTestId("report-answers-column").boundingBox())!;
  const decisions = (await officer.getByTestId("report-decisions-column").boundingBox())!;
  expect(decisions.x).toBeGreaterThanOrEqual(answers.x + answers.width);
  expect(decisions.y).toBeLessThan(answers.y + answers.height);
  expect(answers.y).toBeLessThan(decisions.y + decisions.height);
  expect(decisions.y).toBeLessThan(900);
  await officer.screenshot({ path: `${screenshotDir}/staff-report-sl.png` });
  await officer.screenshot({ path: `${screenshotDir}/staff-report-full-sl.png`, fullPage: true });

  // On a tablet held upright the decisions follow the answers, still without sideways scrolling.
  await officer.setViewportSize({ width: 768, height: 1024 });
  await expectNoSidewaysScroll(officer);
  const narrowAnswers = (await officer.getByTestId("report-answers-column").boundingBox())!;
  const narrowDecisions = (await officer.getByTestId("report-decisions-column").boundingBox())!;
  expect(narrowDecisions.y).toBeGreaterThanOrEqual(narrowAnswers.y + narrowAnswers.height);

  // The NGO's inbox.
  await kljuc.goto("/sl/dashboard/referrals");
  await expect(kljuc.getByTestId("referral-inbox").locator(`a[href$="${reportId}"]`)).toBeVisible();
  await expectNoSidewaysScroll(kljuc);
  await kljuc.screenshot({ path: `${screenshotDir}/staff-inbox-sl.png` });
});
