import { expect, test } from "@playwright/test";
import { createStaff, signIn } from "./staff-support";
import { fillReport, messages, reportIdForReceipt, sampleAnswers, screenshotDir } from "./support";

const uk = messages.uk.FollowUp;

test("without JavaScript: report, come back with the receipt, read a question, answer it; the officer sees the answer", async ({
  browser,
}) => {
  const reporterContext = await browser.newContext({ javaScriptEnabled: false });
  const reporter = await reporterContext.newPage();
  await reporter.goto("/uk/report");
  await fillReport(reporter, sampleAnswers);
  await reporter.getByRole("button", { name: messages.uk.ReportForm.submit }).click();
  const receipt = (await reporter.getByTestId("receipt-code").textContent())!;
  const reportId = await reportIdForReceipt(receipt);

  // A wrong code gets one neutral answer.
  await reporter.goto("/uk/follow-up");
  await reporter.locator("#receipt").fill("00000 00000 00000 00000 00001");
  await reporter.getByRole("button", { name: uk.open }).click();
  await expect(reporter.getByText(uk.errors.receiptWrong)).toBeVisible();

  // The right one, typed with dashes, opens the report; no cookie before that but the language.
  expect(
    (await reporterContext.cookies()).map((c) => c.name).filter((n) => n !== "NEXT_LOCALE"),
  ).toEqual([]);
  await reporter.locator("#receipt").fill(receipt.replace(/ /g, "-"));
  await reporter.getByRole("button", { name: uk.open }).click();
  await expect(reporter.getByTestId("reporter-status")).toHaveText(uk.status.received);
  await expect(reporter.getByText(uk.noMessages)).toBeVisible();
  const session = (await reporterContext.cookies()).find((c) => c.name === "prijavi_followup")!;
  expect(session.httpOnly).toBe(true);
  expect(session.sameSite).toBe("Strict");
  await reporter.getByRole("button", { name: uk.leave }).click();
  await expect(reporter).toHaveURL(/\/uk$/);

  // An officer asks a question.
  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, createStaff("TRIAGE"));
  await officer.goto(`/en/dashboard/reports/${reportId}`);
  await officer.locator("#message-body").fill("Which street is the building site on?");
  await officer.getByRole("button", { name: messages.en.Triage.sendMessage }).click();
  await expect(officer.getByTestId("staff-thread")).toContainText("Which street");

  // The reporter comes back, reads it and answers.
  await reporter.goto("/uk/follow-up");
  await reporter.locator("#receipt").fill(receipt);
  await reporter.getByRole("button", { name: uk.open }).click();
  await expect(reporter.getByTestId("reporter-thread")).toContainText(
    "Which street is the building site on?",
  );
  await expect(reporter.getByTestId("reporter-thread")).not.toContainText("Test TRIAGE");
  await reporter.locator("#reply-police-body").fill("Вулиця Дунайська, біля кільцевої дороги.");
  await reporter.getByRole("button", { name: uk.send }).click();
  await expect(reporter.getByText(uk.sent)).toBeVisible();
  await expect(reporter.getByTestId("reporter-thread")).toContainText("Дунайська");
  await reporter.screenshot({ path: `${screenshotDir}/follow-up-uk.png`, fullPage: true });

  // The officer sees the answer, marked as new in the list first.
  await officer.goto("/en/dashboard/reports");
  await expect(
    officer
      .locator("tr", { has: officer.locator(`a[href$="${reportId}"]`) })
      .getByTestId("unread-replies"),
  ).toBeVisible();
  await officer.goto(`/en/dashboard/reports/${reportId}`);
  await expect(officer.getByTestId("staff-thread")).toContainText("Дунайська");
});
