import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { createStaff, signIn } from "./staff-support";
import { messages, sendReport } from "./support";

// The case file (lib/export/case-file.ts) as an officer gets it: a real download from the report
// page, read back with poppler's pdftotext. Content and scope in detail: tests/integration/case-file.test.ts.

test("an officer downloads a Ukrainian report's case file: answers in Slovene, the text as written, the footer", async ({
  browser,
}) => {
  const reporter = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  const { reportId } = await sendReport(reporter, "uk", {
    forms: ["labour"],
    region: "podravska",
    whenPeriod: "ongoing",
    peopleCount: "sixOrMore",
    minors: "no",
    immediateDanger: "no",
    reporterRole: "witness",
    description: "Робітники з України живуть у контейнері біля Птуя, їм не платять уже три місяці.",
  });

  const officer = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await signIn(officer, createStaff("TRIAGE"), "sl");
  await officer.goto(`/sl/dashboard/reports/${reportId}`);
  const [download] = await Promise.all([
    officer.waitForEvent("download"),
    officer.getByTestId("case-file-link").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^TR-\d{4}-\d{5}\.pdf$/);
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", (await download.path())!, "-"])
    .toString("utf8")
    .replace(/\s+/g, " ");
  expect(text).toContain("живуть у контейнері біля Птуя");
  expect(text).toContain(messages.sl.ReportForm.forms.options.labour);
  expect(text).toContain(messages.uk.ReportForm.forms.options.labour);
  expect(text).toMatch(/Zaupno\. TR-\d{4}-\d{5} – izvozil\(a\) .+ stran 1 od \d+/);
  expect(
    readFileSync((await download.path())!)
      .subarray(0, 5)
      .toString(),
  ).toBe("%PDF-");
});
