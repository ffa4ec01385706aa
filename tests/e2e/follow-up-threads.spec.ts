import { expect, test, type Page } from "@playwright/test";
import { organizations } from "../../prisma/organizations";
import { createStaff, signIn } from "./staff-support";
import { messages, screenshotDir, sendReport } from "./support";

const uk = messages.uk.FollowUp;
const en = messages.en.FollowUp;
const org = (slug: string) => organizations.find((o) => o.slug === slug)!;
const kljuc = org("kljuc");
const caritas = org("caritas");

async function openFollowUp(page: Page, locale: "uk" | "en", receipt: string) {
  await page.goto(`/${locale}/follow-up`);
  await page.locator("#receipt").fill(receipt);
  await page.getByRole("button", { name: messages[locale].FollowUp.open }).click();
}

const conversation = (page: Page, text: typeof uk, name: string) =>
  page.getByRole("region", { name: text.conversationWith.replace("{name}", name) });

async function writeToReporter(page: Page, reportId: string, body: string) {
  await page.goto(`/en/dashboard/reports/${reportId}`);
  await page.locator("#message-body").fill(body);
  await page.getByRole("button", { name: messages.en.Triage.sendMessage }).click();
  await expect(page.getByTestId("staff-thread")).toContainText(body);
}

test("a report routed to two organisations: the reporter sees two named conversations and answers each (without and with JavaScript); each organisation reads only its own", async ({
  browser,
}) => {
  const noJs = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  const { receipt, reportId } = await sendReport(noJs, "uk");

  const staffPage = async (...args: string[]) => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, createStaff(...args));
    return page;
  };
  const officer = await staffPage("TRIAGE");
  await officer.goto(`/en/dashboard/reports/${reportId}`);
  for (const slug of ["police", "kljuc", "caritas", "filantropija"])
    await officer.locator(`#route-${slug}`).setChecked(slug === "kljuc" || slug === "caritas");
  await officer.getByRole("button", { name: messages.en.Triage.routeSubmit }).click();
  await expect(officer.getByText(messages.en.Triage.routed)).toBeVisible();

  const kljucPage = await staffPage("ORG_STAFF", "kljuc");
  const caritasPage = await staffPage("ORG_STAFF", "caritas");
  await writeToReporter(kljucPage, reportId, "Ključ: can you tell us the town?");
  await writeToReporter(caritasPage, reportId, "Caritas: do you need a place to stay?");

  // Without JavaScript, in Ukrainian: the status names both, each conversation its organisation.
  await openFollowUp(noJs, "uk", receipt);
  await expect(noJs.getByTestId("reporter-status")).toContainText(kljuc.nameUk);
  await expect(noJs.getByTestId("reporter-status")).toContainText(caritas.nameUk);
  const kljucThread = conversation(noJs, uk, kljuc.nameUk);
  const caritasThread = conversation(noJs, uk, caritas.nameUk);
  await expect(kljucThread).toContainText("can you tell us the town?");
  await expect(kljucThread).not.toContainText("place to stay");
  await expect(caritasThread).toContainText("place to stay");
  await expect(kljucThread.locator('a[href^="tel:"]').first()).toBeVisible();
  await expect(kljucThread).not.toContainText("Test ORG_STAFF");

  // An empty answer is refused in the form it came from, and only there.
  await caritasThread.getByRole("button", { name: uk.send }).click();
  await expect(
    conversation(noJs, uk, caritas.nameUk).getByText(uk.errors.replyRequired),
  ).toBeVisible();
  await expect(conversation(noJs, uk, kljuc.nameUk).getByText(uk.errors.replyRequired)).toHaveCount(
    0,
  );

  await kljucThread.locator("#reply-kljuc-body").fill("Копер, біля порту.");
  await kljucThread.getByRole("button", { name: uk.send }).click();
  await expect(noJs.getByText(uk.sent)).toBeVisible();
  await expect(conversation(noJs, uk, kljuc.nameUk)).toContainText("Копер, біля порту.");
  await noJs.screenshot({ path: `${screenshotDir}/follow-up-threads-uk.png`, fullPage: true });

  // With JavaScript, in English: a conversation the report does not have is refused in that
  // form, with the text kept; then the real one is answered.
  const withJs = await (await browser.newContext()).newPage();
  await openFollowUp(withJs, "en", receipt);
  const caritasEn = conversation(withJs, en, caritas.nameEn);
  await caritasEn.locator("#reply-caritas-body").fill("Yes, please.");
  const forged = await caritasEn
    .locator('input[name="organizationId"]')
    .evaluate((input: HTMLInputElement) => {
      const real = input.value;
      input.value = "00000000-0000-4000-8000-000000000000";
      return real;
    });
  await caritasEn.getByRole("button", { name: en.send }).click();
  await expect(caritasEn.getByText(en.errors.noThread)).toBeVisible();
  await expect(caritasEn.locator("#reply-caritas-body")).toHaveValue("Yes, please.");
  await expect(conversation(withJs, en, kljuc.nameEn).getByText(en.errors.noThread)).toHaveCount(0);
  await caritasEn
    .locator('input[name="organizationId"]')
    .evaluate((input: HTMLInputElement, value) => (input.value = value), forged);
  await caritasEn.getByRole("button", { name: en.send }).click();
  await expect(withJs.getByText(en.sent)).toBeVisible();
  await expect(conversation(withJs, en, caritas.nameEn)).toContainText("Yes, please.");

  // Each organisation reads its own answer and not the other's; triage reads neither, and sees
  // that both are waiting for an answer.
  await kljucPage.reload();
  await expect(kljucPage.getByTestId("staff-thread")).toContainText("Копер, біля порту.");
  await expect(kljucPage.getByTestId("staff-thread")).not.toContainText("Yes, please.");
  await caritasPage.reload();
  await expect(caritasPage.getByTestId("staff-thread")).toContainText("Yes, please.");
  await expect(caritasPage.getByTestId("staff-thread")).not.toContainText("Копер");
  await officer.reload();
  await expect(officer.getByText("Копер")).toHaveCount(0);
  await expect(officer.getByText("Yes, please.")).toHaveCount(0);
  const overview = officer.getByTestId("threads-overview");
  await expect(overview.locator('[data-organization="kljuc"]')).toContainText(
    messages.en.ThreadsOverview.awaitingAnswer,
  );
  await expect(overview.locator('[data-organization="caritas"]')).toContainText(
    messages.en.ThreadsOverview.notReadable,
  );
  await expect(officer.getByText(messages.en.ThreadsOverview.triageNote)).toBeVisible();
});
