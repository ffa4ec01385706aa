import { expect, test, type Browser } from "@playwright/test";
import { createStaff, signIn } from "./staff-support";
import { messages, sendReport } from "./support";

// Each test sends reports and signs staff in: minutes on two shared cores.
test.setTimeout(240_000);

const sl = messages.sl;

/** A report sent through the public form; returns its id. */
async function submitReport(browser: Browser): Promise<string> {
  const reporter = await (await browser.newContext()).newPage();
  const { reportId } = await sendReport(reporter);
  await reporter.context().close();
  return reportId;
}

test("once routed to Ključ, the form offers only the others, unticked; Caritas can be added", async ({
  browser,
}) => {
  const reportId = await submitReport(browser);
  const page = await (await browser.newContext()).newPage();
  await signIn(page, createStaff("TRIAGE"), "sl");
  await page.goto(`/sl/dashboard/reports/${reportId}`);
  const panel = page.getByTestId("route-panel");
  await expect(panel.getByRole("heading", { name: sl.Triage.routeTitle })).toBeVisible();
  const kljucName = (await page.locator('label[for="route-kljuc"]').textContent())!;
  const caritasName = (await page.locator('label[for="route-caritas"]').textContent())!;

  for (const checkbox of await panel.getByRole("checkbox").all()) await checkbox.uncheck();
  await page.locator("#route-kljuc").check();
  await page.getByRole("button", { name: sl.Triage.routeSubmit }).click();
  await expect(page.getByTestId("report-status")).toHaveText(sl.Triage.statuses.REFERRED);

  // The decision is shown; the form can no longer send it to Ključ again, and ticks nothing.
  await expect(page.getByTestId("referral")).toHaveCount(1);
  await expect(page.getByTestId("referral")).toContainText(kljucName);
  await expect(panel.getByRole("heading", { name: sl.Routing.routeAgainTitle })).toBeVisible();
  await expect(page.locator("#route-kljuc")).toHaveCount(0);
  const offered = panel.getByRole("checkbox");
  expect(await offered.count()).toBeGreaterThan(0);
  for (const checkbox of await offered.all()) await expect(checkbox).not.toBeChecked();
  // The suggestion stays in view, apart from the choice.
  await expect(page.getByTestId("route-suggestion")).toContainText(sl.Routing.suggestion);

  // Words, not codes: the history and the report's language.
  const history = page.locator("section", { has: page.locator("#history-title") });
  await expect(history).toContainText(sl.History.events.report.routed);
  await expect(history).not.toContainText("report.");
  await expect(page.getByRole("definition").filter({ hasText: /^slovenščina$/ })).toBeVisible();

  await page.locator("#route-caritas").check();
  await page.getByRole("button", { name: sl.Routing.routeAgainSubmit }).click();
  await expect(page.getByTestId("referral")).toHaveCount(2);
  await expect(page.locator("#route-caritas")).toHaveCount(0);

  // The list shows where it was sent and how each stands, in words.
  await page.goto("/sl/dashboard/reports");
  const sentTo = page
    .locator("tr", { has: page.locator(`a[href$="${reportId}"]`) })
    .getByTestId("sent-to");
  await expect(sentTo).toContainText(kljucName);
  await expect(sentTo).toContainText(caritasName);
  await expect(sentTo).toContainText(sl.Routing.states.waiting);
});

test("without JavaScript, the routing form after a referral no longer offers its organisation", async ({
  browser,
}) => {
  const reportId = await submitReport(browser);
  // Signed in with JavaScript; the routing itself is posted without it.
  const signedIn = await browser.newContext();
  await signIn(await signedIn.newPage(), createStaff("TRIAGE"), "sl");
  const page = await (
    await browser.newContext({
      javaScriptEnabled: false,
      storageState: await signedIn.storageState(),
    })
  ).newPage();
  await page.goto(`/sl/dashboard/reports/${reportId}`);
  const panel = page.getByTestId("route-panel");
  for (const checkbox of await panel.getByRole("checkbox").all()) await checkbox.uncheck();
  await page.locator("#route-kljuc").check();
  await page.getByRole("button", { name: sl.Triage.routeSubmit }).click();
  await expect(page.getByTestId("report-status")).toHaveText(sl.Triage.statuses.REFERRED);
  await expect(panel.getByRole("heading", { name: sl.Routing.routeAgainTitle })).toBeVisible();
  await expect(page.locator("#route-kljuc")).toHaveCount(0);
  for (const checkbox of await panel.getByRole("checkbox").all())
    await expect(checkbox).not.toBeChecked();
});
