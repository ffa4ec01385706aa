import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import exifr from "exifr";
import { PDFDict, PDFDocument, PDFName, PDFString } from "pdf-lib";
import sharp from "sharp";
import { expectNoViolations } from "./axe";
import { createStaff, signIn } from "./staff-support";
import {
  fillReport,
  messages,
  query,
  reportIdForReceipt,
  sampleAnswers,
  screenshotDir,
} from "./support";

const sl = messages.sl;
const fixtures = path.resolve("test-results", "fixtures");

/** A phone photo with its GPS position and camera in the EXIF, written where the file picker can take it. */
async function photoWithGps(name: string): Promise<string> {
  mkdirSync(fixtures, { recursive: true });
  const bytes = await sharp({
    create: { width: 320, height: 240, channels: 3, background: "#2a6f97" },
  })
    .jpeg()
    .withExif({
      IFD0: { Make: "TestPhone", Model: "Model 7" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "46/1 3/1 1234/100",
        GPSLongitudeRef: "E",
        GPSLongitude: "14/1 30/1 5678/100",
      },
    })
    .toBuffer();
  const file = path.join(fixtures, name);
  writeFileSync(file, bytes);
  return file;
}

/** A one-page contract whose title is in plain bytes, with JavaScript that runs when it is opened. */
async function contractWithJavaScript(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([300, 400]).drawText("Pogodba o delu", { x: 30, y: 340, size: 20 });
  // A literal string (setTitle would write it in hex), so the bytes show it plainly.
  doc.context
    .lookup(doc.context.trailerInfo.Info, PDFDict)
    .set(PDFName.of("Title"), PDFString.of("Pogodba"));
  const action = doc.context.obj({
    Type: "Action",
    S: "JavaScript",
    JS: PDFString.of("app.alert('opened')"),
  });
  doc.catalog.set(PDFName.of("OpenAction"), doc.context.register(action));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

function writeFixture(name: string, content: string | Buffer): string {
  mkdirSync(fixtures, { recursive: true });
  const file = path.join(fixtures, name);
  writeFileSync(file, content);
  return file;
}

async function download(page: Page, href: string) {
  const response = await page.request.get(href);
  return { status: response.status(), headers: response.headers(), body: await response.body() };
}

test("without JavaScript: a report with a photo, a question, an answer with another file; the officer downloads both, cleaned", async ({
  browser,
}) => {
  const reporterContext = await browser.newContext({ javaScriptEnabled: false });
  const reporter = await reporterContext.newPage();
  const photo = await photoWithGps("oglas-ljubljana.jpg");
  const renamed = writeFixture("not-a-photo.jpg", "This is text with a .jpg name.");

  // First try: the description is missing and one "photo" is really text. The real photo is kept
  // on the server, so nobody has to find it again; the renamed file is named as the problem.
  await reporter.goto("/sl/report");
  await fillReport(reporter, { ...sampleAnswers, description: "" });
  await reporter.locator("#attachments").setInputFiles([photo, renamed]);
  await reporter.getByRole("button", { name: sl.ReportForm.submit }).click();
  const summary = reporter.getByTestId("error-summary");
  await expect(summary).toContainText(sl.ReportForm.errors.description.required);
  await expect(summary).toContainText(sl.Attachments.errors.fileType);
  await expect(reporter.getByTestId("kept-files")).toContainText("oglas-ljubljana.jpg");
  await expect(reporter.getByTestId("kept-files")).not.toContainText("not-a-photo");
  await expect(reporter.locator("#placeDetails")).toHaveValue(sampleAnswers.placeDetails!);
  await reporter.screenshot({ path: `${screenshotDir}/report-files-sl.png`, fullPage: true });

  await reporter.locator("#description").fill(sampleAnswers.description);
  await reporter.getByRole("button", { name: sl.ReportForm.submit }).click();
  const receipt = (await reporter.getByTestId("receipt-code").textContent())!;
  const reportId = await reportIdForReceipt(receipt);

  // Stored once, with the report, encrypted: neither the JPEG's first bytes nor the camera's name.
  const stored = await query<{
    mediaType: string;
    metadataRemoved: boolean;
    content: Buffer;
    fileName: string;
  }>(
    'SELECT "mediaType", "metadataRemoved", content, "fileName" FROM "Attachment" WHERE "reportId" = $1',
    [reportId],
  );
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ mediaType: "image/jpeg", metadataRemoved: true });
  expect(stored[0]!.content.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
  expect(stored[0]!.fileName).not.toContain("oglas");

  // An officer asks a question.
  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, createStaff("TRIAGE"), "sl");
  await officer.goto(`/sl/dashboard/reports/${reportId}`);
  await officer.locator("#message-body").fill("Ali imate še kakšen dokument o delu?");
  await officer.getByRole("button", { name: sl.Triage.sendMessage }).click();
  await expect(officer.getByTestId("staff-thread")).toContainText("dokument o delu");

  // The reporter comes back, reads the question and answers with a PDF.
  const contract = writeFixture("pogodba.pdf", await contractWithJavaScript());
  await reporter.goto("/sl/follow-up");
  await reporter.locator("#receipt").fill(receipt);
  await reporter.getByRole("button", { name: sl.FollowUp.open }).click();
  await expect(reporter.getByTestId("reporter-thread")).toContainText("dokument o delu");
  await expect(reporter.getByText(sl.Attachments.pdfWarning)).toBeVisible();
  await reporter.locator("#reply-police-body").fill("Prilagam pogodbo, ki so jo podpisali.");
  await reporter.locator("#reply-police-attachments").setInputFiles(contract);
  await reporter.getByRole("button", { name: sl.FollowUp.send }).click();
  await expect(reporter.getByText(sl.FollowUp.sent)).toBeVisible();
  await expect(reporter.getByTestId("reporter-files")).toContainText("pogodba.pdf");
  await reporter.screenshot({ path: `${screenshotDir}/follow-up-files-sl.png`, fullPage: true });

  // The officer sees both files and downloads them: always as attachments, never sniffed, the
  // photo without its position or camera.
  await officer.goto(`/sl/dashboard/reports/${reportId}`);
  await expect(officer.getByTestId("staff-thread")).toContainText("Prilagam pogodbo");
  const files = officer.getByTestId("staff-files");
  await expect(files.locator("li")).toHaveCount(2);
  await expect(files).toContainText(sl.Triage.fileMetadataRemoved);
  await expect(files).toContainText(sl.Triage.filePdf);
  // The PDF's JavaScript is named before either link; the original is offered behind its warning.
  await expect(officer.getByTestId("pdf-active-content")).toContainText(
    sl.StaffFiles.kinds.javascript,
  );
  await expect(officer.getByTestId("pdf-active-content")).toContainText(
    sl.StaffFiles.kinds.openAction,
  );
  await expect(files).toContainText(sl.StaffFiles.originalWarning);
  await expectNoViolations(officer, "the report page with files");
  const links = await files
    .locator("a")
    .evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")!));

  const image = await download(officer, links[0]!);
  expect(image.status).toBe(200);
  expect(image.headers["content-type"]).toBe("image/jpeg");
  expect(image.headers["content-disposition"]).toMatch(
    /^attachment; filename="oglas-ljubljana\.jpg"/,
  );
  expect(image.headers["x-content-type-options"]).toBe("nosniff");
  expect(await exifr.parse(image.body, true)).toBeUndefined();
  expect((await sharp(image.body).metadata()).width).toBe(320);

  // The PDF by default: a safe copy, pages drawn as pictures, without the script or the title.
  expect(links).toHaveLength(3);
  const safe = await download(officer, links[1]!);
  expect(safe.status).toBe(200);
  expect(safe.headers["content-type"]).toBe("application/pdf");
  expect(safe.headers["content-disposition"]).toMatch(
    /^attachment; filename="pogodba \(varna kopija\)\.pdf"/,
  );
  expect(safe.headers["x-content-type-options"]).toBe("nosniff");
  expect((await PDFDocument.load(safe.body)).getPageCount()).toBe(1);
  expect(safe.body.toString("latin1")).not.toMatch(/\/JavaScript|\/OpenAction|\/Title \(Pogodba\)/);
  // And as sent, on request: the original, byte for byte.
  expect(links[2]).toMatch(/\?copy=original$/);
  const pdf = await download(officer, links[2]!);
  expect(pdf.headers["content-type"]).toBe("application/pdf");
  expect(pdf.headers["content-disposition"]).toMatch(/^attachment; filename="pogodba\.pdf"/);
  expect(pdf.body.toString("latin1")).toContain("/Title (Pogodba)");
  expect(pdf.body.equals(readFileSync(contract))).toBe(true);

  // An organisation the report was not routed to gets the same 404 as for a file that does not exist.
  const caritas = await (await browser.newContext()).newPage();
  await signIn(caritas, createStaff("ORG_STAFF", "caritas"), "sl");
  expect((await download(caritas, links[0]!)).status).toBe(404);
  // And so does someone signed out.
  const stranger = await (await browser.newContext()).newPage();
  expect((await download(stranger, links[0]!)).status).toBe(404);
});

test("with JavaScript: a file over the limit is refused before uploading; a photo kept as taken keeps its location", async ({
  page,
}) => {
  const en = messages.en;
  const photo = await photoWithGps("evidence.jpg");
  await page.goto("/en/report");
  await expect(page.locator("form[data-enhanced]")).toBeVisible();
  await fillReport(page, sampleAnswers);

  // 11 MB: refused in the browser, nothing sent, the answers untouched.
  await page.locator("#attachments").setInputFiles({
    name: "huge.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.alloc(11 * 1024 * 1024, 0x25),
  });
  await page.getByRole("button", { name: en.ReportForm.submit }).click();
  await expect(page.getByTestId("error-summary")).toContainText(
    en.Attachments.errors.fileTooLarge.replace("{maxSize}", "10"),
  );
  await expect(page.locator("#description")).toHaveValue(sampleAnswers.description);

  // The photo, kept as taken, and a text file named .jpg: the server keeps the photo, names the
  // problem, and empties the picker so that sending again does not upload the photo twice.
  await page.locator("#keepOriginal").check();
  await page
    .locator("#attachments")
    .setInputFiles([photo, writeFixture("photo.jpg", "not a photo")]);
  await page.getByRole("button", { name: en.ReportForm.submit }).click();
  await expect(page.getByTestId("error-summary")).toContainText(en.Attachments.errors.fileType);
  await expect(page.getByTestId("kept-files")).toContainText("evidence.jpg");
  await expect(page.getByTestId("kept-files")).toContainText(en.Attachments.originalKept);
  await expect(page.locator("#attachments")).toHaveValue("");
  await expectNoViolations(page, "the report form with a kept file and a file error");

  await page.getByRole("button", { name: en.ReportForm.submit }).click();
  const receipt = (await page.getByTestId("receipt-code").textContent())!;
  const reportId = await reportIdForReceipt(receipt);
  const stored = await query<{ metadataRemoved: boolean; size: number }>(
    'SELECT "metadataRemoved", size FROM "Attachment" WHERE "reportId" = $1',
    [reportId],
  );
  // Once, byte for byte: the size of the file as chosen.
  expect(stored).toEqual([{ metadataRemoved: false, size: statSync(photo).size }]);

  // The reply form, with its file field, passes axe too.
  await page.goto("/en/follow-up");
  await page.locator("#receipt").fill(receipt);
  await page.getByRole("button", { name: en.FollowUp.open }).click();
  await expect(page.locator("#reply-police-attachments")).toBeVisible();
  await expectNoViolations(page, "the follow-up page with the reply form");

  // A reply that is a file alone, sent with JavaScript.
  const screenshot = path.join(fixtures, "screenshot.png");
  writeFileSync(
    screenshot,
    await sharp({ create: { width: 40, height: 30, channels: 3, background: "#999999" } })
      .png()
      .toBuffer(),
  );
  await page.locator("#reply-police-attachments").setInputFiles(screenshot);
  await page.getByRole("button", { name: en.FollowUp.send }).click();
  await expect(page.getByText(en.FollowUp.sent)).toBeVisible();
  await expect(page.getByTestId("reporter-files")).toContainText("screenshot.png");
  expect(
    await query('SELECT 1 FROM "Attachment" WHERE "reportId" = $1 AND "messageId" IS NOT NULL', [
      reportId,
    ]),
  ).toHaveLength(1);
});
