import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { organizations } from "../../prisma/organizations";
import { code, createStaff, signIn, type Person } from "./staff-support";
import { messages, sampleAnswers, sendReport, type Locale } from "./support";

// Organisation keys held by members and sealed reports (issue 15), in the browser: a first member
// makes the keys without JavaScript and sees the recovery key once, a colleague invited by an
// administrator is granted them, a report sent without JavaScript and routed to the organisation
// is read and answered there and read by the reporter with the receipt, and a lost password ends
// in a new grant. Filantropija's keys: no other browser test makes them (scripts/test.mjs makes
// the police's, Ključ's and Caritas's before the tests start).

const m = messages.en.OrganizationKeys;
const filantropija = organizations.find((o) => o.slug === "filantropija")!;

/** Signed in (with JavaScript, as the sign-in helper works), then a context without it. */
async function signedInWithoutJavaScript(browser: Browser, person: Person, locale: Locale) {
  const signing = await browser.newContext();
  await signIn(await signing.newPage(), person, locale);
  const storageState = await signing.storageState();
  await signing.close();
  return browser.newContext({ javaScriptEnabled: false, storageState });
}

/** The newest set-up link (`…/invite/…`) mailed to `email` since `since`, as the outbox wrote it. */
async function mailedSetupLink(email: string, since: number): Promise<string> {
  const dir = process.env.MAIL_DIR!;
  let link: string | undefined;
  await expect
    .poll(
      () => {
        if (!existsSync(dir)) return undefined;
        const files = readdirSync(dir)
          .map((name) => path.join(dir, name))
          .filter((file) => statSync(file).mtimeMs >= since)
          .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
        for (const file of files) {
          // Quoted-printable: soft line breaks joined, "=3D" back to "=".
          const text = readFileSync(file, "utf8")
            .replace(/=\r?\n/g, "")
            .replace(/=3D/g, "=");
          if (!text.includes(email)) continue;
          link = text.match(/https?:\/\/[^\s"<>]+\/invite\/[^\s"<>]+/)?.[0] ?? link;
        }
        return link;
      },
      { timeout: 30_000 },
    )
    .toBeTruthy();
  // The link names the server by host name; the browser tests reach it by address.
  return link!.replace(/^https?:\/\/[^/]+/, "");
}

/** Follows a set-up link: a password, then an authenticator; returns the person as signed in. */
async function setUpAccount(page: Page, link: string, email: string): Promise<Person> {
  const password = "dovolj dolgo geslo za preizkus";
  await page.goto(link);
  await page.locator("#password").fill(password);
  await page.locator("#confirm").fill(password);
  await page.getByRole("button", { name: messages.en.StaffAuth.setPassword }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.locator("#code").fill(code(secret));
  await page.getByRole("button", { name: messages.en.StaffAuth.enrolConfirm }).click();
  await expect(page).toHaveURL(/\/en\/dashboard$/);
  return { email, password, secret };
}

/** Signs in again after set-up: each code works once, so the next 30-second code is waited for. */
async function signInAgain(page: Page, person: Person) {
  await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
  await signIn(page, person);
}

const signOut = (page: Page) =>
  page.getByRole("button", { name: messages.en.Dashboard.signOut, exact: true }).click();

test("sealed from end to end: keys made, a colleague invited and granted, a report without JavaScript routed to the organisation, read and answered, the reporter reads with the receipt, and a lost password ends in a new grant", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const admin = createStaff("ADMIN");
  const officer = createStaff("TRIAGE");
  const first = createStaff("ORG_STAFF", "filantropija");
  const colleagueEmail = `filantropija-${Date.now()}@staff.test`;

  // The first member makes the organisation's keys without JavaScript; the recovery key is shown once.
  const firstContext = await signedInWithoutJavaScript(browser, first, "en");
  const firstPage = await firstContext.newPage();
  await firstPage.goto("/en/dashboard/keys");
  await expect(firstPage.getByRole("heading", { level: 1, name: m.title })).toBeVisible();
  await firstPage.getByRole("button", { name: m.makeKeys }).click();
  const recovery = (await firstPage.getByTestId("recovery-key").textContent())!.trim();
  expect(recovery).toMatch(/^([0-9a-f]{4}-){16}[0-9a-f]{4}$/);
  await expect(firstPage.getByText(m.recoveryGuidance)).toBeVisible();
  // The key that opens the session's vault is in an HttpOnly, SameSite=Strict cookie.
  const vault = (await firstContext.cookies()).find((c) => c.name.includes("key-vault"))!;
  expect(vault.httpOnly).toBe(true);
  expect(vault.sameSite).toBe("Strict");
  await firstPage.goto("/en/dashboard/keys");
  await expect(firstPage.getByTestId("recovery-key")).toHaveCount(0);
  await expect(firstPage.getByText(recovery)).toHaveCount(0);
  await expect(firstPage.getByTestId("key-status")).toHaveText(m.heldInSession);

  // An administrator invites a colleague; the colleague sets a password and an authenticator.
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, admin);
  await adminPage.goto("/en/dashboard/users");
  await adminPage.locator("#name").fill("Nina Kolegica");
  const placement = await adminPage
    .locator("#placement option")
    .evaluateAll((options) =>
      options
        .filter((o) => o.textContent!.includes("Philanthropy"))
        .map((o) => (o as HTMLOptionElement).value),
    );
  await adminPage.locator("#placement").selectOption(placement[0]!);
  await adminPage.locator("#locale").selectOption("en");
  await adminPage.locator("#email").fill(colleagueEmail);
  const invitedAt = Date.now() - 1000;
  await adminPage.getByRole("button", { name: messages.en.Dashboard.invite }).click();
  await expect(adminPage.getByRole("status")).toContainText(colleagueEmail);
  const colleagueContext = await browser.newContext();
  const colleaguePage = await colleagueContext.newPage();
  let colleague = await setUpAccount(
    colleaguePage,
    await mailedSetupLink(colleagueEmail, invitedAt),
    colleagueEmail,
  );
  await colleaguePage.goto("/en/dashboard/keys");
  await expect(colleaguePage.getByTestId("key-status")).toHaveText(m.notHeldInSession);

  // The first member grants the key; the colleague's next session holds it.
  await firstPage.goto("/en/dashboard/keys");
  const row = firstPage.getByTestId(`key-holder-${colleagueEmail}`);
  await expect(row).toContainText(m.noAccess);
  await row.getByRole("button", { name: m.grant }).click();
  await expect(firstPage.getByTestId(`key-holder-${colleagueEmail}`)).toContainText(m.holdsKey);
  await signOut(colleaguePage);
  await signInAgain(colleaguePage, colleague);
  await colleaguePage.goto("/en/dashboard/keys");
  await expect(colleaguePage.getByTestId("key-status")).toHaveText(m.heldInSession);

  // A report in Ukrainian without JavaScript; triage routes it to Filantropija.
  const description = `Запечатано від початку до кінця ${Date.now()}: чоловіки живуть у контейнері.`;
  const reporter = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  const { receipt, reportId } = await sendReport(reporter, "uk", { ...sampleAnswers, description });
  const officerPage = await (await browser.newContext()).newPage();
  await signIn(officerPage, officer);
  await officerPage.goto(`/en/dashboard/reports/${reportId}`);
  await expect(officerPage.getByText(description)).toBeVisible();
  for (const slug of ["police", "kljuc", "caritas", "filantropija"])
    await officerPage.locator(`#route-${slug}`).setChecked(slug === "filantropija");
  await officerPage.getByRole("button", { name: messages.en.Triage.routeSubmit }).click();
  await expect(officerPage.getByText(messages.en.Triage.routed)).toBeVisible();

  // Filantropija's colleague reads the report and writes to the reporter.
  await colleaguePage.goto(`/en/dashboard/reports/${reportId}`);
  await expect(colleaguePage.getByText(description)).toBeVisible();
  await colleaguePage.locator("#message-body").fill("Filantropija: we can meet you in Koper.");
  await colleaguePage.getByRole("button", { name: messages.en.Triage.sendMessage }).click();
  await expect(colleaguePage.getByTestId("staff-thread")).toContainText("meet you in Koper");

  // The reporter reads it with the receipt, without JavaScript.
  await reporter.goto("/uk/follow-up");
  await reporter.locator("#receipt").fill(receipt);
  await reporter.getByRole("button", { name: messages.uk.FollowUp.open }).click();
  await expect(
    reporter.getByRole("region", {
      name: messages.uk.FollowUp.conversationWith.replace("{name}", filantropija.nameUk),
    }),
  ).toContainText("meet you in Koper");

  // The colleague loses the password: the administrator sends a new set-up link. The old
  // session ends; the new password makes a new key pair, which holds no grant yet.
  await adminPage.goto("/en/dashboard/users");
  const reissuedAt = Date.now() - 1000;
  await adminPage
    .getByTestId(`staff-${colleagueEmail}`)
    .getByRole("button", { name: messages.en.Dashboard.reissueSetup })
    .click();
  await expect(adminPage.getByTestId(`staff-${colleagueEmail}`)).toContainText(
    messages.en.Dashboard.status.notEnrolled,
  );
  await colleaguePage.goto(`/en/dashboard/reports/${reportId}`);
  await expect(colleaguePage).toHaveURL(/\/en\/sign-in/);
  colleague = await setUpAccount(
    colleaguePage,
    await mailedSetupLink(colleagueEmail, reissuedAt),
    colleagueEmail,
  );
  await colleaguePage.goto(`/en/dashboard/reports/${reportId}`);
  await expect(colleaguePage.getByText(messages.en.SealedReports.reportSealed)).toBeVisible();
  await expect(colleaguePage.getByText(description)).toHaveCount(0);

  // A colleague grants the key again; the member reads the report again.
  await firstPage.goto("/en/dashboard/keys");
  await firstPage
    .getByTestId(`key-holder-${colleagueEmail}`)
    .getByRole("button", { name: m.grant })
    .click();
  await expect(firstPage.getByTestId(`key-holder-${colleagueEmail}`)).toContainText(m.holdsKey);
  await signOut(colleaguePage);
  await signInAgain(colleaguePage, colleague);
  await colleaguePage.goto(`/en/dashboard/reports/${reportId}`);
  await expect(colleaguePage.getByText(description)).toBeVisible();
  await expect(colleaguePage.getByTestId("staff-thread")).toContainText("meet you in Koper");
});

test("a member without the key is told how to get it, in Slovene, and a wrong recovery key is refused", async ({
  page,
}) => {
  const first = createStaff("TRIAGE");
  // Not granted the police's key (the browser tests' keys are made before they start).
  const officer = createStaff("TRIAGE", "--no-keys");
  await signIn(page, first, "sl");
  await page.goto("/sl/dashboard/keys");
  const sl = messages.sl.OrganizationKeys;
  const make = page.getByRole("button", { name: sl.makeKeys });
  // Another test may have made the police's keys already; then this member simply holds none.
  if (await make.count()) {
    await make.click();
    await expect(page.getByTestId("recovery-key")).toBeVisible();
  }
  await page.getByRole("button", { name: messages.sl.Dashboard.signOut, exact: true }).click();

  await signIn(page, officer, "sl");
  await page.goto("/sl/dashboard/keys");
  await expect(page.getByTestId("key-status")).toHaveText(sl.notHeldInSession);
  await page.locator("#recoveryCode").fill("0000-1111");
  await page.getByRole("button", { name: sl.recover }).click();
  await expect(page.getByText(sl.errors.mistyped)).toBeVisible();
});
