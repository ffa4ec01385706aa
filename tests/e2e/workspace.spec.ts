import { expect, test, type Browser, type Page } from "@playwright/test";
import { code, createStaff, signIn, type Person } from "./staff-support";
import { messages, sendReport } from "./support";

// The staff workspace: its own header and navigation (no reporters' menu, no quick exit), the
// localized 404 inside it, and a notice link that survives sign-in.

// Staff accounts are made through the CLI and reports sent through the form: minutes on two cores.
test.setTimeout(240_000);
const sl = messages.sl;

async function newReportId(browser: Browser): Promise<string> {
  const page = await (await browser.newContext()).newPage();
  return (await sendReport(page)).reportId;
}

/** The staff frame, and nothing of the reporters' one. */
async function expectStaffFrame(page: Page) {
  await expect(page.locator("[data-quick-exit]")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: sl.Layout.nav.label })).toHaveCount(0);
  await expect(page.getByRole("link", { name: sl.Layout.nav.help })).toHaveCount(0);
  await expect(page.getByRole("banner")).toContainText(sl.Workspace.name);
}

test("staff pages have their own header and navigation per role, at desktop width, and a localized 404 inside it", async ({
  browser,
}) => {
  const reportId = await newReportId(browser);
  const desktop = { viewport: { width: 1440, height: 900 } };

  const signedOut = await (await browser.newContext(desktop)).newPage();
  await signedOut.goto("/sl/sign-in");
  await expectStaffFrame(signedOut);
  await expect(signedOut.getByRole("navigation", { name: sl.Dashboard.navLabel })).toHaveCount(0);
  // The reporters' pages keep their frame.
  await signedOut.goto("/sl/report");
  await expect(signedOut.locator("[data-quick-exit]")).toBeVisible();

  const admin = await (await browser.newContext(desktop)).newPage();
  await signIn(admin, createStaff("ADMIN"), "sl");
  await expectStaffFrame(admin);
  const adminNav = admin.getByRole("navigation", { name: sl.Dashboard.navLabel });
  for (const name of [
    sl.Dashboard.nav.users,
    sl.Dashboard.nav.organizations,
    sl.Dashboard.nav.audit,
  ])
    await expect(adminNav.getByRole("link", { name })).toBeVisible();
  await expect(adminNav.getByRole("link", { name: sl.Dashboard.nav.reports })).toHaveCount(0);
  await expect(admin.getByTestId("admin-links")).toBeVisible();
  await expect(admin.getByTestId("queue-counts")).toHaveCount(0);
  await expect(admin.getByTestId("signed-in-as")).toContainText(sl.Dashboard.roles.ADMIN);

  const officer = await (await browser.newContext(desktop)).newPage();
  await signIn(officer, createStaff("TRIAGE"), "sl");
  await expectStaffFrame(officer);
  const nav = officer.getByRole("navigation", { name: sl.Dashboard.navLabel });
  await expect(nav.getByRole("link", { name: sl.Dashboard.nav.reports })).toBeVisible();
  await expect(nav.getByRole("link", { name: sl.Dashboard.nav.users })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: sl.Dashboard.nav.home })).toHaveAttribute(
    "aria-current",
    "page",
  );
  // The landing queue counts the new reports and names the first few (other tests' reports share
  // this database, so which five is theirs to decide), each a link to its report.
  await expect(officer.getByTestId("queue-counts")).toContainText(sl.Workspace.newReports);
  const first = officer.getByTestId("queue-first").locator('a[href*="/sl/dashboard/reports/"]');
  await expect(first.first()).toBeVisible();
  expect(await first.count()).toBeLessThanOrEqual(5);
  // The workspace uses the screen: far wider than the reporters' column of about 650 px.
  await officer.goto("/sl/dashboard/reports");
  expect((await officer.locator("main").boundingBox())!.width).toBeGreaterThan(1200);
  await expect(nav.getByRole("link", { name: sl.Dashboard.nav.reports })).toHaveAttribute(
    "aria-current",
    "page",
  );

  // Not found — a report that does not exist, a malformed id, an unknown address — in Slovene,
  // status 404, inside the staff frame.
  for (const path of [
    "/sl/dashboard/reports/00000000-0000-4000-8000-000000000000",
    "/sl/dashboard/reports/not-an-id",
    "/sl/dashboard/no-such-page",
  ]) {
    const response = await officer.goto(path);
    expect(response!.status(), path).toBe(404);
    await expect(officer.getByRole("heading", { level: 1 })).toHaveText(sl.Workspace.notFoundTitle);
    await expect(officer).toHaveTitle(new RegExp(`^${sl.Workspace.notFoundTitle}`));
    await expectStaffFrame(officer);
    await expect(officer.getByRole("navigation", { name: sl.Dashboard.navLabel })).toBeVisible();
  }

  // Out of scope: Ključ was never sent this report; the answer is the same 404, in English too.
  const kljuc = await (await browser.newContext(desktop)).newPage();
  await signIn(kljuc, createStaff("ORG_STAFF", "kljuc"), "en");
  const response = await kljuc.goto(`/en/dashboard/reports/${reportId}`);
  expect(response!.status()).toBe(404);
  await expect(kljuc.getByRole("heading", { level: 1 })).toHaveText(
    messages.en.Workspace.notFoundTitle,
  );
  await expect(kljuc.locator("[data-quick-exit]")).toHaveCount(0);
  await expect(
    kljuc
      .getByRole("navigation", { name: messages.en.Dashboard.navLabel })
      .getByRole("link", { name: messages.en.Dashboard.nav.referrals }),
  ).toBeVisible();
});

/** Signs in on the sign-in page the dashboard sent this page to, with whatever it carries. */
async function signInHere(page: Page, person: Person) {
  await page.locator("#email").fill(person.email);
  await page.locator("#password").fill(person.password);
  await page.getByRole("button", { name: sl.StaffAuth.signIn }).click();
  await expect(page).toHaveURL(/\/sl\/sign-in\/verify\?next=/);
  await page.locator("#code").fill(code(person.secret!));
  await page.getByRole("button", { name: sl.StaffAuth.verify }).click();
}

for (const javaScriptEnabled of [true, false]) {
  test(`a notice link followed while signed out opens its page after sign-in (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }) => {
    const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
    const link = "/sl/dashboard/reports?overdue=1";
    await page.goto(link);
    await expect(page).toHaveURL(/\/sl\/sign-in\?next=/);
    expect(new URL(page.url()).searchParams.get("next")).toBe(link);
    await signInHere(page, createStaff("TRIAGE"));
    await expect(page).toHaveURL(new RegExp(`${link.replace("?", "\\?")}$`));
    await expect(page.getByLabel(sl.Deadlines.filterOverdue)).toBeChecked();
  });
}

test("a sign-in link cannot send anyone to another site", async ({ page }) => {
  for (const next of [
    "//evil.example",
    "https://evil.example/sl/dashboard",
    "/\\evil.example",
    "/%2F%2Fevil.example",
    "/sl/dashboard/%2F%2Fevil.example",
    "/sl/dashboard//evil.example",
    "/sl/report",
  ]) {
    await page.goto(`/sl/sign-in?next=${encodeURIComponent(next)}`);
    await expect(page.locator("#email")).toBeVisible();
    await expect(page.locator('input[name="next"]'), next).toHaveCount(0);
  }
  // A path of ours is carried in the form, for the action to check again.
  await page.goto(`/sl/sign-in?next=${encodeURIComponent("/sl/dashboard/referrals")}`);
  await expect(page.locator('input[name="next"]')).toHaveValue("/sl/dashboard/referrals");
});
