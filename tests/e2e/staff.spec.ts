import { expect, test } from "@playwright/test";
import { code, createStaff, signIn, tsx } from "./staff-support";
import { messages, screenshotDir } from "./support";

const m = messages.en;

test("an invitation link leads to a password, an enrolled authenticator, sign-in and sign-out", async ({
  page,
}) => {
  const email = `first-admin-${Date.now()}@staff.test`;
  const link = tsx([
    "scripts/admin-create.ts",
    "--email",
    email,
    "--name",
    "Ana Novak",
    "--locale",
    "sl",
  ])
    .split("\n")
    .find((line) => line.includes("/invite/"))!
    .trim()
    // The link names the server by host name; the browser tests reach it by address.
    .replace(/^https?:\/\/[^/]+/, "");
  await page.goto(link);
  await expect(page.locator("html")).toHaveAttribute("lang", "sl");
  await page.locator("#password").fill("dolgo geslo za preizkus");
  await page.locator("#confirm").fill("dolgo geslo za preizkus");
  await page.getByRole("button", { name: messages.sl.StaffAuth.setPassword }).click();

  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await expect(page.getByTestId("backup-codes").locator("li")).toHaveCount(10);
  await expect(page.getByRole("img", { name: messages.sl.StaffAuth.enrolQrAlt })).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/staff-enrol-sl.png`, fullPage: true });
  await page.locator("#code").fill(code(secret));
  await page.getByRole("button", { name: messages.sl.StaffAuth.enrolConfirm }).click();
  await expect(page).toHaveURL(/\/sl\/dashboard$/);
  await expect(page.getByTestId("signed-in-as")).toContainText("Ana Novak");

  // The session cookie is httpOnly and SameSite=Strict.
  const session = (await page.context().cookies()).find((cookie) =>
    cookie.name.includes("session_token"),
  )!;
  expect(session.httpOnly).toBe(true);
  expect(session.sameSite).toBe("Strict");

  await page.getByRole("button", { name: messages.sl.Dashboard.signOut, exact: true }).click();
  await expect(page).toHaveURL(/\/sl\/sign-in$/);
  await page.goto("/sl/dashboard");
  await expect(page).toHaveURL(/\/sl\/sign-in$/);

  // The link was for one use only.
  await page.goto(link);
  await expect(page.getByText(messages.sl.StaffAuth.inviteInvalid)).toBeVisible();

  // Password alone is not enough: the code step follows, and a wrong code fails.
  await page.goto("/sl/sign-in");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill("dolgo geslo za preizkus");
  await page.getByRole("button", { name: messages.sl.StaffAuth.signIn }).click();
  await expect(page).toHaveURL(/\/sl\/sign-in\/verify$/);
  await page.locator("#code").fill("000000");
  await page.getByRole("button", { name: messages.sl.StaffAuth.verify }).click();
  await expect(page.getByText(messages.sl.StaffAuth.verifyFailed)).toBeVisible();
  await page.locator("#code").fill(code(secret, 30_000));
  await page.getByRole("button", { name: messages.sl.StaffAuth.verify }).click();
  await expect(page).toHaveURL(/\/sl\/dashboard$/);
});

test("a wrong password and an unknown e-mail get the same answer", async ({ page }) => {
  const person = createStaff("TRIAGE");
  for (const [email, password] of [
    [person.email, "not the password"],
    ["nobody@staff.test", person.password],
  ]) {
    await page.goto("/en/sign-in");
    await page.locator("#email").fill(email!);
    await page.locator("#password").fill(password!);
    await page.getByRole("button", { name: m.StaffAuth.signIn }).click();
    await expect(page.getByText(m.StaffAuth.rejected)).toBeVisible();
    await expect(page.locator("#email")).toHaveValue(email!);
  }
});

test("after a refusal the form takes password and code together, and the dashboard tells of the failed attempt once", async ({
  page,
}) => {
  const person = createStaff("TRIAGE");
  await page.goto("/en/sign-in");
  await expect(page.locator("#code")).toHaveCount(0);
  await page.locator("#email").fill(person.email);
  await page.locator("#password").fill("not the password");
  await page.getByRole("button", { name: m.StaffAuth.signIn }).click();
  await expect(page.getByText(m.StaffAuth.rejected)).toBeVisible();
  await page.locator("#password").fill(person.password);
  await page.locator("#code").fill(code(person.secret!));
  await page.getByRole("button", { name: m.StaffAuth.signIn }).click();
  await expect(page).toHaveURL(/\/en\/dashboard$/);
  await expect(page.getByTestId("failed-sign-ins")).toContainText("1 failed attempt");
  await page.reload();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await expect(page.getByTestId("failed-sign-ins")).toHaveCount(0);
});

// Staff pages against every kind of caller: "ok" renders, "sign-in"/"enrol" redirect there,
// "hidden" answers as if the page did not exist.
const pages = [
  "/en/dashboard",
  "/en/dashboard/users",
  "/en/dashboard/reports",
  "/en/dashboard/referrals",
  "/en/dashboard/audit",
  "/en/dashboard/organizations",
  "/en/dashboard/keys",
] as const;
type Cell = "ok" | "sign-in" | "enrol" | "hidden";
const row = (...cells: Cell[]) =>
  Object.fromEntries(pages.map((page, i) => [page, cells[i]!])) as Record<
    (typeof pages)[number],
    Cell
  >;
const expected: Record<string, Record<(typeof pages)[number], Cell>> = {
  //                          dashboard  users     reports   referrals audit     organizations keys
  signedOut: row("sign-in", "sign-in", "sign-in", "sign-in", "sign-in", "sign-in", "sign-in"),
  withoutSecondFactor: row("enrol", "enrol", "enrol", "enrol", "enrol", "enrol", "enrol"),
  // Administrators manage accounts, the directory and the audit log: no reports (least privilege),
  // and no organisation key.
  ADMIN: row("ok", "ok", "hidden", "hidden", "ok", "ok", "hidden"),
  TRIAGE: row("ok", "hidden", "ok", "hidden", "hidden", "hidden", "ok"),
  kljuc: row("ok", "hidden", "hidden", "ok", "hidden", "hidden", "ok"),
};

test.describe("authorization matrix: staff pages", () => {
  for (const [actor, cells] of Object.entries(expected)) {
    test(`pages for ${actor}`, async ({ page }) => {
      if (actor === "withoutSecondFactor")
        await signIn(page, createStaff("TRIAGE", "--unenrolled"));
      else if (actor === "kljuc") await signIn(page, createStaff("ORG_STAFF", "kljuc"));
      else if (actor !== "signedOut") await signIn(page, createStaff(actor));

      for (const [path, outcome] of Object.entries(cells)) {
        const response = await page.goto(path);
        if (outcome === "ok") {
          expect(response!.status(), path).toBe(200);
          await expect(page).toHaveURL(new RegExp(`${path}$`));
        } else if (outcome === "hidden") {
          expect(response!.status(), path).toBe(404);
        } else {
          // Sent to sign in, the page asked for goes along (the dashboard's home needs not).
          const next = outcome === "sign-in" && path !== "/en/dashboard" ? path : null;
          await expect(page, path).toHaveURL(new RegExp(`/en/${outcome}(\\?|$)`));
          expect(new URL(page.url()).searchParams.get("next"), path).toBe(next);
        }
      }
    });
  }
});

test("an administrator invites organisation staff, and disabling them ends their session", async ({
  browser,
}) => {
  const admin = createStaff("ADMIN");
  const worker = createStaff("ORG_STAFF", "caritas");
  const adminPage = await (await browser.newContext()).newPage();
  const workerPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, admin);
  await signIn(workerPage, worker);

  await adminPage.goto("/en/dashboard/users");
  await adminPage.locator("#name").fill("Nova Sodelavka");
  // Role and organisation are one choice of valid pairs: a triage officer is offered with the
  // police only, organisation staff once per organisation, and no pair the server would refuse.
  const placement = adminPage.locator("#placement");
  await expect(adminPage.locator("#organizationId")).toHaveCount(0);
  const offered = await placement
    .locator("option")
    .evaluateAll((options) => options.map((o) => [(o as HTMLOptionElement).value, o.textContent]));
  expect(offered.slice(0, 3).map(([value]) => value)).toEqual(["", "ADMIN", "TRIAGE"]);
  expect(offered.slice(3).every(([value]) => /^ORG_STAFF:[0-9a-f-]{36}$/.test(value!))).toBe(true);
  expect(offered.slice(3)).toHaveLength(4);
  expect(offered[2]![1]).toContain("Police");
  expect(offered.filter(([, text]) => text!.includes("Caritas Slovenia"))).toHaveLength(1);
  // A refused invitation (the address is taken) keeps every choice: fixing one field must not
  // silently change another.
  const caritasStaff = offered.find(([, text]) => text!.includes("Caritas Slovenia"))![0]!;
  await placement.selectOption(caritasStaff);
  await adminPage.locator("#locale").selectOption("uk");
  await adminPage.locator("#email").fill(worker.email);
  await adminPage.getByRole("button", { name: m.Dashboard.invite }).click();
  await expect(adminPage.getByText(m.StaffErrors.emailTaken)).toBeVisible();
  await expect(placement).toHaveValue(caritasStaff);
  await expect(adminPage.locator("#locale")).toHaveValue("uk");
  await expect(adminPage.locator("#name")).toHaveValue("Nova Sodelavka");
  await adminPage.locator("#email").fill(`invited-${Date.now()}@staff.test`);
  await adminPage.getByRole("button", { name: m.Dashboard.invite }).click();
  await expect(adminPage.getByRole("status")).toContainText("invited-");
  await adminPage.screenshot({ path: `${screenshotDir}/staff-users-en.png`, fullPage: true });

  await adminPage
    .getByTestId(`staff-${worker.email}`)
    .getByRole("button", { name: m.Dashboard.disable })
    .click();
  await expect(adminPage.getByTestId(`staff-${worker.email}`)).toContainText(
    m.Dashboard.status.disabled,
  );
  await workerPage.goto("/en/dashboard");
  await expect(workerPage).toHaveURL(/\/en\/sign-in$/);
});

test("a refused invitation keeps every choice without JavaScript too", async ({ browser }) => {
  const adminContext = await browser.newContext();
  const admin = createStaff("ADMIN");
  await signIn(await adminContext.newPage(), admin);
  const page = await (
    await browser.newContext({
      javaScriptEnabled: false,
      storageState: await adminContext.storageState(),
    })
  ).newPage();
  await page.goto("/en/dashboard/users");
  await page.locator("#name").fill("Bez Skript");
  // The address of an existing account: refused, and every choice comes back.
  const taken = admin.email;
  await page.locator("#email").fill(taken);
  await page.locator("#placement").selectOption("TRIAGE");
  await page.locator("#locale").selectOption("uk");
  await page.getByRole("button", { name: m.Dashboard.invite }).click();
  await expect(page.getByText(m.StaffErrors.emailTaken)).toBeVisible();
  await expect(page.locator("#name")).toHaveValue("Bez Skript");
  await expect(page.locator("#email")).toHaveValue(taken);
  await expect(page.locator("#placement")).toHaveValue("TRIAGE");
  await expect(page.locator("#locale")).toHaveValue("uk");
  await page.locator("#email").fill(`no-js-${Date.now()}@staff.test`);
  await page.getByRole("button", { name: m.Dashboard.invite }).click();
  await expect(page.getByRole("status")).toContainText("no-js-");
});
