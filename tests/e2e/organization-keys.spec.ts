import { expect, test, type Browser } from "@playwright/test";
import { createStaff, signIn, type Person } from "./staff-support";
import { messages, type Locale } from "./support";

// Organisation keys held by members (issue 15), in the browser without JavaScript: a first member
// makes the keys and sees the recovery key once, grants a colleague, and the colleague's next
// session holds the key. Filantropija's keys: no other browser test makes them.

const m = messages.en.OrganizationKeys;

/** Signed in (with JavaScript, as the sign-in helper works), then a context without it. */
async function signedInWithoutJavaScript(browser: Browser, person: Person, locale: Locale) {
  const signing = await browser.newContext();
  await signIn(await signing.newPage(), person, locale);
  const storageState = await signing.storageState();
  await signing.close();
  return browser.newContext({ javaScriptEnabled: false, storageState });
}

test("a first member makes the keys, sees the recovery key once and grants a colleague, without JavaScript", async ({
  browser,
}) => {
  const first = createStaff("ORG_STAFF", "filantropija");
  const colleague = createStaff("ORG_STAFF", "filantropija");
  const context = await signedInWithoutJavaScript(browser, first, "en");
  const page = await context.newPage();
  await page.goto("/en/dashboard/keys");
  await expect(page.getByRole("heading", { level: 1, name: m.title })).toBeVisible();
  await page.getByRole("button", { name: m.makeKeys }).click();

  const recovery = (await page.getByTestId("recovery-key").textContent())!.trim();
  expect(recovery).toMatch(/^([0-9a-f]{4}-){16}[0-9a-f]{4}$/);
  await expect(page.getByText(m.recoveryGuidance)).toBeVisible();
  // The key that opens the session's vault is in an HttpOnly, SameSite=Strict cookie.
  const vault = (await context.cookies()).find((cookie) => cookie.name.includes("key-vault"))!;
  expect(vault.httpOnly).toBe(true);
  expect(vault.sameSite).toBe("Strict");

  // Shown once: the page, loaded again, holds the key but shows no recovery key.
  await page.goto("/en/dashboard/keys");
  await expect(page.getByTestId("recovery-key")).toHaveCount(0);
  await expect(page.getByText(recovery)).toHaveCount(0);
  await expect(page.getByTestId("key-status")).toHaveText(m.heldInSession);
  const row = page.getByTestId(`key-holder-${colleague.email}`);
  await expect(row).toContainText(m.noAccess);
  await row.getByRole("button", { name: m.grant }).click();
  await expect(page.getByTestId(`key-holder-${colleague.email}`)).toContainText(m.holdsKey);
  await context.close();

  const theirs = await signedInWithoutJavaScript(browser, colleague, "uk");
  const other = await theirs.newPage();
  await other.goto("/uk/dashboard/keys");
  await expect(other.getByTestId("key-status")).toHaveText(
    messages.uk.OrganizationKeys.heldInSession,
  );
  await theirs.close();
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
