import { expect, test } from "@playwright/test";
import { createTeam, signIn } from "./staff-support";
import { messages, screenshotDir, sendReport } from "./support";

const sl = messages.sl;

test("an urgent report is listed first, routed to Ključ, and handled there (not at Caritas)", async ({
  browser,
}) => {
  // A reporter, without JavaScript, in Ukrainian: someone is in danger now.
  const reporter = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  const { reportId } = await sendReport(reporter, "uk", {
    forms: ["sexual"],
    region: "obalnoKraska",
    whenPeriod: "ongoing",
    peopleCount: "one",
    minors: "no",
    immediateDanger: "yes",
    reporterRole: "relative",
    description: "Мою сестру тримають у квартирі над баром у Копері, забрали паспорт.",
  });

  const { officer, kljuc, caritas } = createTeam();
  const officerPage = await (await browser.newContext()).newPage();
  await signIn(officerPage, officer, "sl");

  // The list: overdue reports lead (tests/e2e/queue.spec.ts), then urgent reports above all
  // others, this one among them.
  await officerPage.goto("/sl/dashboard/reports");
  const rows = officerPage.getByTestId("report-list").locator("tbody tr");
  const urgencies = await rows.evaluateAll((trs) =>
    trs.map((tr) => tr.getAttribute("data-urgency")),
  );
  const overdue = await rows.evaluateAll((trs) =>
    trs.map((tr) => tr.getAttribute("data-overdue") === "true"),
  );
  const ours = await rows.evaluateAll(
    (trs, id) => trs.findIndex((tr) => tr.querySelector(`a[href$="${id}"]`)),
    reportId,
  );
  expect(ours).toBeGreaterThanOrEqual(0);
  expect(urgencies[ours]).toBe("CRITICAL");
  expect(urgencies.slice(0, ours).every((u, i) => u === "CRITICAL" || overdue[i])).toBe(true);
  await officerPage.screenshot({ path: `${screenshotDir}/triage-list-sl.png`, fullPage: true });

  // The detail, in the officer's language; the free text as written.
  await officerPage.locator(`a[href$="${reportId}"]`).click();
  await expect(officerPage.getByTestId("report-description")).toContainText("тримають у квартирі");
  await expect(
    officerPage.getByRole("listitem").filter({ hasText: sl.Triage.reasons.immediateDanger }),
  ).toBeVisible();
  await expect(
    officerPage.getByRole("definition").filter({ hasText: sl.ReportForm.forms.options.sexual }),
  ).toBeVisible();
  // Route to Ključ only: the officer decides, whatever was suggested.
  for (const slug of ["police", "kljuc", "caritas", "filantropija"])
    await officerPage.locator(`#route-${slug}`).setChecked(slug === "kljuc");
  await officerPage.getByRole("button", { name: sl.Triage.routeSubmit }).click();
  await expect(officerPage.getByText(sl.Triage.routed)).toBeVisible();
  await expect(officerPage.getByTestId("report-status")).toHaveText(sl.Triage.statuses.REFERRED);
  // A note for Ključ is written on its referral, apart from routing.
  const kljucCard = officerPage.locator('[data-testid="referral"][data-organization="kljuc"]');
  await kljucCard.getByLabel(sl.ReferralCard.noteBody).fill("Prosimo, preverite čim prej.");
  await kljucCard.getByRole("button", { name: sl.ReferralCard.addNote }).click();
  await expect(kljucCard.getByTestId("referral-notes")).toContainText(
    "Prosimo, preverite čim prej.",
  );
  await expect(officerPage.getByTestId("referral")).toHaveCount(1);
  await officerPage.screenshot({ path: `${screenshotDir}/triage-detail-sl.png`, fullPage: true });

  // Caritas does not see it, by list or by address.
  const caritasPage = await (await browser.newContext()).newPage();
  await signIn(caritasPage, caritas, "sl");
  await caritasPage.goto("/sl/dashboard/referrals");
  await expect(caritasPage.locator(`a[href$="${reportId}"]`)).toHaveCount(0);
  expect((await caritasPage.goto(`/sl/dashboard/reports/${reportId}`))!.status()).toBe(404);

  // Ključ does: acknowledges and closes it.
  const kljucPage = await (await browser.newContext()).newPage();
  await signIn(kljucPage, kljuc, "sl");
  await kljucPage.goto("/sl/dashboard/referrals");
  await expect(kljucPage.locator(`a[href$="${reportId}"]`)).toBeVisible();
  await kljucPage.screenshot({ path: `${screenshotDir}/referral-inbox-sl.png`, fullPage: true });
  await kljucPage.locator(`a[href$="${reportId}"]`).click();
  await expect(kljucPage.getByText("Prosimo, preverite čim prej.")).toBeVisible();
  await kljucPage.getByRole("button", { name: sl.Triage.acknowledge }).click();
  await expect(kljucPage.getByTestId("referral-acknowledged")).toContainText("Test ORG_STAFF");
  await kljucPage.locator('select[name="outcome"]').selectOption("ASSISTED");
  await kljucPage.getByRole("button", { name: sl.Triage.closeReferral }).click();
  await expect(kljucPage.getByTestId("referral-closed")).toContainText(sl.Triage.outcomes.ASSISTED);
});
