import { randomBytes } from "node:crypto";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it, vi } from "vitest";
import { prepareAttachment } from "@/lib/attachments/prepare";
import { inspectPdf } from "@/lib/attachments/pdf-inspect";
import { runPdfTask } from "@/lib/attachments/pdf-run";
import {
  cleanPdf,
  embeddedFilePdf,
  formSubmitPdf,
  javascriptPdf,
  launchPdf,
  linkPdf,
  objectStreamBomb,
} from "../support/pdfs";

// The upload check for PDFs, through the real worker thread: what does not parse is refused, and
// each kind of active content is found wherever it is stored.

// The first task starts a worker and loads pdf-lib in it: seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

async function kinds(bytes: Buffer) {
  const result = await inspectPdf(bytes);
  if (!result.ok) throw new Error("refused");
  return result.activeContent;
}

describe("PDFs that are not PDFs", () => {
  it("refuses %PDF- followed by junk, with or without an end marker, as an unreadable PDF", async () => {
    const junk = [
      Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(64 * 1024)]),
      Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(64 * 1024), Buffer.from("\n%%EOF\n")]),
      Buffer.from("%PDF-1.4\n%%EOF\n"),
      Buffer.concat([
        Buffer.from("%PDF-1.4\n"),
        Buffer.alloc(512 * 1024, 0x20),
        Buffer.from("%%EOF"),
      ]),
    ];
    for (const bytes of junk)
      expect(await prepareAttachment("scan.pdf", bytes, { keepOriginal: false })).toEqual({
        ok: false,
        error: "pdfUnreadable",
      });
  });

  it("refuses 10 MB of junk crafted to end in %%EOF quickly, not after seconds of a worker", async () => {
    // Warm the worker first (loading pdf-lib is not the junk's cost).
    expect(await inspectPdf(await cleanPdf())).toMatchObject({ ok: true });
    const tenMb = 10 * 1024 * 1024;
    const junk = {
      // pdf-lib tried an object header at every printable byte: 2 MB of these took 15 s.
      random: randomBytes(tenMb),
      // pdf-lib read each digit run from each of its digits: quadratic.
      digits: Buffer.concat([Buffer.from("x"), Buffer.alloc(tenMb, 0x31)]),
      comments: Buffer.alloc(tenMb, 0x25),
    };
    for (const [name, body] of Object.entries(junk)) {
      const bytes = Buffer.concat([
        Buffer.from("%PDF-1.7\n"),
        body,
        Buffer.from("\nstartxref\n9\n%%EOF\n"),
      ]);
      const began = performance.now();
      expect(await inspectPdf(bytes), name).toEqual({ ok: false });
      const ms = performance.now() - began;
      console.log(`junk PDF (${name}, 10 MB): refused in ${Math.round(ms)} ms`);
      expect(ms, name).toBeLessThan(2_000);
    }
  });

  it("still reads a real document with thousands of objects and no object streams", async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < 500; i++)
      doc.addPage([300, 400]).drawText(`Page ${i + 1}`, { x: 40, y: 340 });
    const bytes = Buffer.from(await doc.save({ useObjectStreams: false }));
    expect(await inspectPdf(bytes)).toEqual({ ok: true, pageCount: 500, activeContent: [] });
  });

  it("refuses a truncated PDF and one without pages", async () => {
    const whole = await cleanPdf({ pages: 3 });
    expect(await inspectPdf(whole)).toMatchObject({ ok: true, pageCount: 3 });
    expect(await inspectPdf(whole.subarray(0, Math.floor(whole.length * 0.6)))).toEqual({
      ok: false,
    });
    const empty = await PDFDocument.create();
    expect(await inspectPdf(Buffer.from(await empty.save({ addDefaultPage: false })))).toEqual({
      ok: false,
    });
  });

  it("refuses an object stream that would inflate to 64 MB: inflating stops at the cap", async () => {
    const bomb = await objectStreamBomb(64 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(200 * 1024);
    // The rest of the file is a valid PDF: pdf-lib alone would skip the bad stream and accept it,
    // so a refusal here is the cap at work.
    expect(await inspectPdf(bomb)).toEqual({ ok: false });
  });

  it("keeps an encrypted PDF whose structure reads, flagged as encrypted since its content cannot be checked", async () => {
    const plain = (await cleanPdf({ objectStreams: false })).toString("latin1");
    const encrypted = plain.replace(
      /trailer\s*<</,
      "trailer\n<< /Encrypt << /Filter /Standard /V 1 /R 2 /O (owner) /U (user) /P -4 >>",
    );
    expect(encrypted).not.toBe(plain);
    expect(await inspectPdf(Buffer.from(encrypted, "latin1"))).toEqual({
      ok: true,
      pageCount: 1,
      activeContent: ["encrypted"],
    });
  });

  it("a worker that runs out of time is stopped and its task refused", async () => {
    expect(
      await runPdfTask(
        { task: "inspect", bytes: await cleanPdf({ pages: 200 }) },
        { timeoutMs: 1 },
      ),
    ).toEqual({ ok: false });
  });

  it("accepts a real PDF, stored as given with its page count and no active content", async () => {
    const bytes = await cleanPdf({ pages: 2 });
    const result = await prepareAttachment("pogodba.pdf", bytes, { keepOriginal: false });
    expect(result).toMatchObject({
      ok: true,
      file: { mediaType: "application/pdf", pdf: { pageCount: 2, activeContent: [] } },
    });
    expect(result.ok && result.file.bytes.equals(bytes)).toBe(true);
  });
});

describe("active content", () => {
  it("finds JavaScript run on opening", async () => {
    expect(await kinds(await javascriptPdf())).toEqual(["javascript", "openAction"]);
  });

  it("finds a launch action in a link", async () => {
    expect(await kinds(await launchPdf())).toEqual(["launch"]);
  });

  it("finds an embedded file", async () => {
    expect(await kinds(await embeddedFilePdf())).toEqual(expect.arrayContaining(["embeddedFile"]));
  });

  it("finds a form that submits its fields", async () => {
    expect(await kinds(await formSubmitPdf())).toEqual(["formAction"]);
  });

  it("finds actions packed in a compressed object stream, where a byte search sees nothing", async () => {
    for (const [make, expected] of [
      [launchPdf, ["launch"]],
      [javascriptPdf, ["javascript", "openAction"]],
      [formSubmitPdf, ["formAction"]],
    ] as const) {
      const bytes = await make({ objectStreams: true });
      // The test is worth something only if the names are not in the file's plain bytes.
      expect(bytes.toString("latin1")).not.toMatch(/\/Launch|\/JavaScript|\/SubmitForm/);
      expect(await kinds(bytes)).toEqual(expected);
    }
  });

  it("finds names spelled with #xx escapes, in either case", async () => {
    const escaped = (await javascriptPdf())
      .toString("latin1")
      .replace("/JavaScript", "/J#61vaScript")
      .replace("/JS ", "/#4aS ")
      .replace("/OpenAction", "/Open#41ction");
    expect(escaped).not.toMatch(/\/JavaScript|\/OpenAction/);
    expect(await kinds(Buffer.from(escaped, "latin1"))).toEqual(["javascript", "openAction"]);
  });

  it("notes a web link without calling it active, and finds nothing in a clean PDF", async () => {
    expect(await kinds(await linkPdf())).toEqual(["link"]);
    expect(await kinds(await cleanPdf({ pages: 2, author: "Ana" }))).toEqual([]);
  });
});
