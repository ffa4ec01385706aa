import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";

// A small flowing-text writer over pdf-lib for documents staff print and file: headings, label and
// value rows, paragraphs, each wrapped to the page and carried over to the next. The fonts are
// DejaVu Sans (the dejavu-fonts-ttf package), embedded as subsets: they hold č, š, ž, the
// Ukrainian letters (і, ї, є, ґ) and the rest of Latin and Cyrillic, so nothing is transliterated.

const pageSize: [number, number] = [595.28, 841.89]; // A4 in points
const margin = 50;
const footerSpace = 36;
const bodySize = 10;
const lineGap = 4;

const fontDirectory = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
let fontFiles: Promise<[Buffer, Buffer]> | undefined;

function loadFonts() {
  fontFiles ??= Promise.all([
    readFile(path.join(fontDirectory, "DejaVuSans.ttf")),
    readFile(path.join(fontDirectory, "DejaVuSans-Bold.ttf")),
  ]);
  return fontFiles;
}

// Text from reporters may hold anything: tabs become spaces, other control characters go, and
// characters DejaVu has no glyph for are drawn by pdf-lib as an empty box rather than failing.
function printable(text: string): string {
  return text.replace(/\t/g, "    ").replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
}

/** Splits text into lines no wider than `width`, at spaces where possible, inside words if not. */
/**
 * How much of `word` (in UTF-16 units, never splitting a character) fits in `width`; at least one
 * character, so every cut makes progress. Measured character by character: measuring ever shorter
 * prefixes of a 5,000-character word took over ten minutes and held the event loop.
 */
function fittingPrefix(word: string, font: PDFFont, size: number, width: number): number {
  let used = 0;
  let cut = 0;
  for (const character of word) {
    used += font.widthOfTextAtSize(character, size);
    if (used > width && cut > 0) break;
    cut += character.length;
  }
  return cut;
}

function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of printable(text).split(/\r\n|\r|\n/)) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      // A word wider than the line (a long link, a run of digits) is cut where it must be.
      let rest = word;
      for (let cut = fittingPrefix(rest, font, size, width); cut < rest.length;) {
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
        cut = fittingPrefix(rest, font, size, width);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

export class PdfDocumentWriter {
  private page!: PDFPage;
  private y = 0;

  private constructor(
    private readonly pdf: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.newPage();
  }

  static async create(title: string): Promise<PdfDocumentWriter> {
    const pdf = await PDFDocument.create();
    pdf.registerFontkit(fontkit);
    const [regularBytes, boldBytes] = await loadFonts();
    const regular = await pdf.embedFont(regularBytes, { subset: true });
    const bold = await pdf.embedFont(boldBytes, { subset: true });
    pdf.setTitle(title);
    pdf.setProducer("Prijavi");
    pdf.setCreator("Prijavi");
    return new PdfDocumentWriter(pdf, regular, bold);
  }

  private get width() {
    return pageSize[0] - 2 * margin;
  }

  private newPage() {
    this.page = this.pdf.addPage(pageSize);
    this.y = pageSize[1] - margin;
  }

  private ensure(height: number) {
    if (this.y - height < margin + footerSpace) this.newPage();
  }

  private lines(text: string, font: PDFFont, size: number, x: number, width: number) {
    for (const line of wrapText(text, font, size, width)) {
      this.ensure(size + lineGap);
      this.y -= size;
      this.page.drawText(line, { x, y: this.y, size, font, color: rgb(0, 0, 0) });
      this.y -= lineGap;
    }
  }

  heading(text: string, level: 1 | 2 = 2) {
    const size = level === 1 ? 16 : 12.5;
    // Kept with at least three lines of what follows, never alone at the foot of a page.
    this.ensure(size + 14 + 3 * (bodySize + lineGap));
    this.y -= level === 1 ? 0 : 10;
    this.lines(text, this.bold, size, margin, this.width);
    this.y -= 4;
  }

  paragraph(text: string) {
    this.lines(text, this.regular, bodySize, margin, this.width);
    this.y -= 4;
  }

  /** A label and its value: the label in bold on its own line when the value is long. */
  field(label: string, value: string) {
    const labelWidth = 150;
    const valueLines = wrapText(value || "—", this.regular, bodySize, this.width - labelWidth);
    this.ensure(bodySize + lineGap);
    const top = this.y;
    this.lines(label, this.bold, bodySize, margin, labelWidth - 8);
    const afterLabel = this.y;
    this.y = top;
    for (const line of valueLines) {
      this.ensure(bodySize + lineGap);
      this.y -= bodySize;
      this.page.drawText(line, {
        x: margin + labelWidth,
        y: this.y,
        size: bodySize,
        font: this.regular,
      });
      this.y -= lineGap;
    }
    // A page break inside the value moves on; otherwise continue below the longer column.
    this.y = Math.min(this.y, afterLabel) - 2;
  }

  /** Draws the footer on every page ("page n of m" needs the count) and returns the file. */
  async finish(footer: (page: number, pages: number) => string): Promise<Uint8Array> {
    const pages = this.pdf.getPages();
    pages.forEach((page, i) => {
      const text = printable(footer(i + 1, pages.length));
      let y = margin;
      for (const line of wrapText(text, this.regular, 8, this.width).slice(0, 2)) {
        page.drawText(line, {
          x: margin,
          y,
          size: 8,
          font: this.regular,
          color: rgb(0.3, 0.3, 0.3),
        });
        y -= 10;
      }
    });
    return this.pdf.save();
  }
}
