import { expect, test, type Browser, type Page } from "@playwright/test";
import { createTeam, type Person, signIn } from "./staff-support";
import { messages, query, screenshotDir, sendReport } from "./support";

const sl = messages.sl;

/** Gives a test account a name of its own, so each card can be checked for who acted. */
const rename = (person: Person, name: string) =>
  query('UPDATE "User" SET name = $1 WHERE email = $2', [name, person.email]);

const card = (page: Page, slug: string) =>
  page.locator(`[data-testid="referral"][data-organization="${slug}"]`);

/** What the reporter reads, entering the receipt afresh (a new browser, as on another day). */
async function reporterStatus(browser: Browser, receipt: string) {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sl/follow-up");
  await page.locator("#receipt").fill(receipt);
  await page.getByRole("button", { name: sl.FollowUp.open }).click();
  return page.getByTestId("reporter-status");
}

test("routed to Ključ and Caritas: one closing leaves the report open, the second closes it with both outcomes; notes and hand-on on the cards (Caritas without JavaScript)", async ({
  browser,
}) => {
  const reporter = await (await browser.newContext()).newPage();
  const { receipt, reportId } = await sendReport(reporter);

  const { officer, kljuc, caritas } = createTeam();
  await rename(officer, "Tina Triaža");
  await rename(kljuc, "Mia Ključ");
  await rename(caritas, "Cene Karitas");
  // A colleague at Ključ and one at Caritas to hand referrals to: an account row is all handing
  // on needs.
  for (const [name, slug] of [
    ["Nika Kolegica", "kljuc"],
    ["Ana Karitas", "caritas"],
  ])
    await query(
      `INSERT INTO "User" (id, name, email, role, "organizationId", "twoFactorEnabled", "updatedAt")
       SELECT gen_random_uuid(), $1, $2, 'ORG_STAFF', id, true, now()
       FROM "Organization" WHERE slug = $3`,
      [name, `${slug}-${Date.now()}@staff.test`, slug],
    );

  // Triage routes to both, then writes a note for Ključ on its card: nothing is routed again.
  const officerPage = await (
    await browser.newContext({ viewport: { width: 1440, height: 900 } })
  ).newPage();
  await signIn(officerPage, officer, "sl");
  await officerPage.goto(`/sl/dashboard/reports/${reportId}`);
  for (const slug of ["police", "kljuc", "caritas", "filantropija"])
    await officerPage.locator(`#route-${slug}`).setChecked(slug === "kljuc" || slug === "caritas");
  await officerPage.getByRole("button", { name: sl.Triage.routeSubmit }).click();
  await expect(officerPage.getByText(sl.Triage.routed)).toBeVisible();
  await expect(officerPage.getByTestId("referral")).toHaveCount(2);
  await expect(card(officerPage, "kljuc").getByTestId("referral-routed")).toContainText(
    "Tina Triaža",
  );
  await card(officerPage, "kljuc")
    .getByLabel(sl.ReferralCard.noteBody)
    .fill("Sestra ima otroka; pokličite z zakrito številko.");
  await card(officerPage, "kljuc").getByRole("button", { name: sl.ReferralCard.addNote }).click();
  await expect(card(officerPage, "kljuc").getByTestId("referral-notes")).toContainText(
    "zakrito številko",
  );
  await expect(officerPage.getByTestId("referral")).toHaveCount(2);
  expect(
    (await query('SELECT count(*)::int AS n FROM "Referral" WHERE "reportId" = $1', [reportId]))[0],
  ).toEqual({ n: 2 });

  // Ključ, with JavaScript: sees its own card only, with the note; acknowledges, takes it,
  // hands it to a colleague, and closes it with an outcome.
  const kljucPage = await (await browser.newContext()).newPage();
  await signIn(kljucPage, kljuc, "sl");
  await kljucPage.goto(`/sl/dashboard/reports/${reportId}`);
  await expect(kljucPage.getByTestId("referral")).toHaveCount(1);
  const kljucCard = card(kljucPage, "kljuc");
  await expect(kljucCard.getByTestId("referral-notes")).toContainText("zakrito številko");
  await expect(kljucCard.getByTestId("referral-acknowledged")).toHaveText(
    sl.Triage.notAcknowledged,
  );
  await kljucCard.getByRole("button", { name: sl.Triage.acknowledge }).click();
  await expect(kljucCard.getByTestId("referral-acknowledged")).toContainText("Mia Ključ");
  await kljucCard.getByRole("button", { name: sl.Assignment.take }).click();
  await expect(kljucCard.getByTestId("holder")).toHaveText(sl.Assignment.mine);
  await kljucCard.getByLabel(sl.Assignment.handOn).selectOption({ label: "Nika Kolegica" });
  await kljucCard.getByRole("button", { name: sl.Assignment.handOnSubmit }).click();
  await expect(kljucCard.getByTestId("holder")).toHaveText(
    sl.Assignment.heldBy.replace("{name}", "Nika Kolegica"),
  );
  await kljucCard.locator('select[name="outcome"]').selectOption("ASSISTED");
  await kljucCard.getByRole("button", { name: sl.Triage.closeReferral }).click();
  await expect(kljucCard.getByTestId("referral-closed")).toContainText("Mia Ključ");
  await expect(kljucCard.getByTestId("referral-closed")).toContainText(sl.Triage.outcomes.ASSISTED);

  // One of two closed: the report is still referred, to triage and to the reporter.
  await officerPage.reload();
  await expect(officerPage.getByTestId("report-status")).toHaveText(sl.Triage.statuses.REFERRED);
  await expect(card(officerPage, "kljuc").getByTestId("referral-closed")).toContainText(
    sl.Triage.outcomes.ASSISTED,
  );
  await expect(card(officerPage, "caritas").getByTestId("referral-closed")).toHaveText(
    sl.ReferralCard.open,
  );
  await expect(await reporterStatus(browser, receipt)).not.toContainText(sl.FollowUp.status.closed);

  // Caritas, without JavaScript: takes its referral and hands it on, writes a note back to
  // triage on its own card, then closes it.
  const caritasSignIn = await browser.newContext();
  await signIn(await caritasSignIn.newPage(), caritas, "sl");
  const caritasPage = await (
    await browser.newContext({
      javaScriptEnabled: false,
      storageState: await caritasSignIn.storageState(),
    })
  ).newPage();
  await caritasPage.goto(`/sl/dashboard/reports/${reportId}`);
  const caritasCard = card(caritasPage, "caritas");
  await expect(caritasPage.getByTestId("referral")).toHaveCount(1);
  await expect(caritasPage.getByText("zakrito številko")).toHaveCount(0);
  await caritasCard.getByRole("button", { name: sl.Assignment.take }).click();
  await expect(card(caritasPage, "caritas").getByTestId("holder")).toHaveText(sl.Assignment.mine);
  await card(caritasPage, "caritas")
    .getByLabel(sl.Assignment.handOn)
    .selectOption({ label: "Ana Karitas" });
  await card(caritasPage, "caritas")
    .getByRole("button", { name: sl.Assignment.handOnSubmit })
    .click();
  await expect(card(caritasPage, "caritas").getByTestId("holder")).toHaveText(
    sl.Assignment.heldBy.replace("{name}", "Ana Karitas"),
  );
  await expect(
    caritasPage.getByText(sl.Assignment.handedOn.replace("{name}", "Ana Karitas")),
  ).toBeVisible();
  await caritasCard
    .getByLabel(sl.ReferralCard.noteBody)
    .fill("Prijavitelj se ni oglasil na telefon.");
  await caritasCard.getByRole("button", { name: sl.ReferralCard.addNote }).click();
  await expect(card(caritasPage, "caritas").getByTestId("referral-notes")).toContainText(
    "ni oglasil",
  );
  await card(caritasPage, "caritas").locator('select[name="outcome"]').selectOption("NO_CONTACT");
  await card(caritasPage, "caritas").getByRole("button", { name: sl.Triage.closeReferral }).click();
  await expect(card(caritasPage, "caritas").getByTestId("referral-closed")).toContainText(
    "Cene Karitas",
  );
  await expect(card(caritasPage, "caritas").getByTestId("referral-closed")).toContainText(
    sl.Triage.outcomes.NO_CONTACT,
  );

  // Both closed: the report is handled; triage sees who closed each and with what outcome, on the
  // report and in the list of closed reports.
  await officerPage.reload();
  await expect(officerPage.getByTestId("report-status")).toHaveText(sl.Triage.statuses.CLOSED);
  for (const [slug, name, outcome] of [
    ["kljuc", "Mia Ključ", sl.Triage.outcomes.ASSISTED],
    ["caritas", "Cene Karitas", sl.Triage.outcomes.NO_CONTACT],
  ] as const) {
    await expect(card(officerPage, slug).getByTestId("referral-closed")).toContainText(name);
    await expect(card(officerPage, slug).getByTestId("referral-closed")).toContainText(outcome);
  }
  await expect(card(officerPage, "caritas").getByTestId("referral-notes")).toContainText(
    "ni oglasil",
  );
  await officerPage.screenshot({
    path: `${screenshotDir}/report-two-referrals-closed-sl.png`,
    fullPage: true,
  });
  await officerPage.goto("/sl/dashboard/reports?status=CLOSED");
  const row = officerPage
    .getByRole("row")
    .filter({ has: officerPage.locator(`a[href$="${reportId}"]`) });
  await expect(row).toContainText(sl.Triage.outcomes.ASSISTED);
  await expect(row).toContainText(sl.Triage.outcomes.NO_CONTACT);

  // The reporter, with the receipt, reads that it is closed.
  await expect(await reporterStatus(browser, receipt)).toContainText(sl.FollowUp.status.closed);
});
