import { expectNoViolations } from "./axe";
import { expect, test } from "@playwright/test";
import { createStaff, signIn } from "./staff-support";
import { fillReport, locales, messages, reportIdForReceipt, sampleAnswers } from "./support";

test("staff pages pass axe (WCAG 2.2 AA) in every language", async ({ browser }) => {
  test.setTimeout(360_000); // three staff accounts made through the CLI, then every staff page in three languages
  // A report routed to Ključ, so that the detail and the inbox have something to show.
  const reporter = await (await browser.newContext()).newPage();
  await reporter.goto("/en/report");
  await expect(reporter.locator("form[data-enhanced]")).toBeAttached();
  await fillReport(reporter, sampleAnswers);
  await reporter.getByRole("button", { name: messages.en.ReportForm.submit }).click();
  const reportId = await reportIdForReceipt(
    (await reporter.getByTestId("receipt-code").textContent())!,
  );

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, createStaff("ADMIN"));
  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, createStaff("TRIAGE"));
  await officer.goto(`/en/dashboard/reports/${reportId}`);
  for (const slug of ["police", "kljuc", "caritas", "filantropija"])
    await officer.locator(`#route-${slug}`).setChecked(slug === "kljuc");
  await officer.getByRole("button", { name: messages.en.Triage.routeSubmit }).click();
  await expect(officer.getByText(messages.en.Triage.routed)).toBeVisible();
  const kljuc = await (await browser.newContext()).newPage();
  await signIn(kljuc, createStaff("ORG_STAFF", "kljuc"));
  const signedOut = await (await browser.newContext()).newPage();

  for (const locale of locales) {
    for (const [page, path] of [
      [signedOut, "/sign-in"],
      [admin, "/dashboard"],
      [admin, "/dashboard/users"],
      [admin, "/dashboard/audit"],
      [admin, "/dashboard/organizations"],
      [officer, "/dashboard/reports"],
      [officer, `/dashboard/reports/${reportId}`],
      [kljuc, "/dashboard/referrals"],
      [kljuc, `/dashboard/reports/${reportId}`],
      [kljuc, "/dashboard/keys"],
    ] as const) {
      await page.goto(`/${locale}${path}`);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expectNoViolations(page, `/${locale}${path}`);
    }
  }
});
