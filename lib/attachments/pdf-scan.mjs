// What the PDF worker (pdf-worker.mjs) does with a reporter's PDF, in plain JavaScript so that
// Node loads it as it is, both under `next start` and under Vitest: Turbopack never sees it.
// Everything here runs inside the worker thread, never on the server's event loop.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// pdf-lib has no "exports" map: an ESM import resolves to the same CommonJS build as this.
const { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream } = require("pdf-lib");
const DecodeStream = require("pdf-lib/cjs/core/streams/DecodeStream").default;

/**
 * pdf-lib inflates object streams while parsing, into ArrayBuffers that the worker's heap limit
 * does not count: a few kB of deflated zeros would unpack into gigabytes. No honest object stream
 * comes near this.
 */
const maxDecodedStreamBytes = 32 * 1024 * 1024;
const ensureBuffer = DecodeStream.prototype.ensureBuffer;
/** Set when a stream hit the cap: pdf-lib skips such an object, but the file is refused. */
let oversizedStream = false;
DecodeStream.prototype.ensureBuffer = function (requested) {
  if (requested > maxDecodedStreamBytes) {
    oversizedStream = true;
    throw new Error("Decoded stream too large.");
  }
  return ensureBuffer.call(this, requested);
};

/**
 * pdf-lib skips bytes between objects that it cannot parse ("jibberish") by trying, at every
 * printable byte, to read an object header, and an exception is thrown and caught for each
 * failure: 2 MB of random bytes after "%PDF-" with "%%EOF" at the end took 15 s, and a run of
 * digits takes time quadratic in its length (each digit starts a number that runs to its end).
 * This is the same skip with one regular expression over the bytes: it stops where the original
 * would, at the next "xref", "trailer", "startxref" or "<number> <number> obj", except that it
 * stops at the first digit of a number rather than on a space or comment before it (the parser
 * skips those next anyway), and never inside a run of digits it could start at the beginning of.
 * Linear in the file's size: junk costs about what an honest file of its size does.
 */
const PDFParser = require("pdf-lib/cjs/core/parser/PDFParser").default;
const gap = "(?=((?:[\\0\\t\\n\\f\\r ]|%[^\\r\\n]*)*))\\";
// (?=(x))\N matches x atomically: no backtracking into the digits or the whitespace and comments.
const objectHeader = `(?=(\\d+))\\1${gap}2(?=(\\d+))\\3${gap}4obj`;
const resumeHere = new RegExp(`xref|trailer|startxref|${objectHeader}`, "y");
const resumeLater = new RegExp(`xref|trailer|startxref|(?<!\\d)${objectHeader}`, "g");
const latin1Of = new WeakMap();
PDFParser.prototype.skipJibberish = function () {
  this.skipWhitespaceAndComments();
  const stream = this.bytes;
  const start = stream.offset();
  if (stream.done()) return;
  let text = latin1Of.get(stream.bytes);
  if (text === undefined) {
    const { buffer, byteOffset, byteLength } = stream.bytes;
    text = Buffer.from(buffer, byteOffset, byteLength).toString("latin1");
    latin1Of.set(stream.bytes, text);
  }
  resumeHere.lastIndex = start;
  if (resumeHere.test(text)) return;
  resumeLater.lastIndex = start + 1;
  const found = resumeLater.exec(text);
  stream.moveTo(found ? found.index : stream.length);
};

// The same for a run of digits, which pdf-lib reads one string concatenation per digit: 2 MB of
// digits cost a second. This reads the run and makes the string once; the checks are pdf-lib's.
const BaseParser = require("pdf-lib/cjs/core/parser/BaseParser").default;
const { IsDigit } = require("pdf-lib/cjs/core/syntax/Numeric");
const { NumberParsingError } = require("pdf-lib/cjs/core/errors");
BaseParser.prototype.parseRawInt = function () {
  const stream = this.bytes;
  const from = stream.offset();
  while (!stream.done() && IsDigit[stream.peek()]) stream.next();
  const { buffer, byteOffset } = stream.bytes;
  const value = Buffer.from(buffer, byteOffset + from, stream.offset() - from).toString("latin1");
  const numberValue = Number(value);
  if (!value || !isFinite(numberValue)) throw new NumberParsingError(stream.position(), value);
  return numberValue;
};

/** Nested dictionaries deeper than this are not real documents; the walk stops rather than recursing on. */
const maxDepth = 64;

/**
 * Kinds of content a reader may act on without being asked, or that reach beyond the document.
 * "link" (a web address to open when clicked) is noted but is not active content.
 */
const actionKinds = {
  JavaScript: "javascript",
  Launch: "launch",
  SubmitForm: "formAction",
  ResetForm: "formAction",
  ImportData: "formAction",
  GoToR: "remoteGoTo",
  GoToE: "embeddedGoTo",
  RichMediaExecute: "richMedia",
  Rendition: "richMedia",
  URI: "link",
};
const keyKinds = {
  JS: "javascript",
  JavaScript: "javascript",
  OpenAction: "openAction",
  AA: "additionalActions",
  EmbeddedFiles: "embeddedFile",
  EF: "embeddedFile",
  RichMediaContent: "richMedia",
  RichMediaSettings: "richMedia",
  XFA: "xfa",
};
const typeKinds = {
  EmbeddedFile: "embeddedFile",
  FileAttachment: "fileAttachment",
  RichMedia: "richMedia",
  Launch: "launch",
};

/**
 * A name as a reader understands it. pdf-lib decodes "#xx" escapes only in upper case, so
 * /J#61vaScript and /#4aS (both legal spellings) are decoded here too, in any case.
 */
function nameOf(name) {
  const once = Buffer.from(name.asBytes()).toString("latin1");
  return once.replace(/#([0-9a-fA-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

function scanDict(dict, found, depth) {
  if (depth > maxDepth) return;
  for (const [key, value] of dict.entries()) {
    const name = nameOf(key);
    if (keyKinds[name]) found.add(keyKinds[name]);
    if ((name === "S" || name === "Type" || name === "Subtype") && value instanceof PDFName) {
      const valueName = nameOf(value);
      if (name === "S" && actionKinds[valueName]) found.add(actionKinds[valueName]);
      if (typeKinds[valueName]) found.add(typeKinds[valueName]);
    }
    scanValue(value, found, depth + 1);
  }
}

function scanValue(value, found, depth) {
  if (depth > maxDepth) return;
  if (value instanceof PDFDict) scanDict(value, found, depth);
  else if (value instanceof PDFStream) scanDict(value.dict, found, depth);
  else if (value instanceof PDFArray)
    for (const item of value.asArray()) scanValue(item, found, depth + 1);
}

/**
 * Every indirect object the file holds, including those packed in compressed object streams
 * (pdf-lib unpacks them into its context while loading), whether or not a page refers to it: a
 * reader may still reach an orphan through a name tree or an incremental update.
 */
export function findActiveContent(doc) {
  const found = new Set();
  if (doc.isEncrypted) found.add("encrypted");
  const { trailerInfo } = doc.context;
  for (const value of Object.values(trailerInfo)) scanValue(value, found, 0);
  // A stream's dictionary is scanned, not its content: JavaScript kept in a stream is still named
  // by a /JS key, and page content cannot act on its own.
  for (const [, object] of doc.context.enumerateIndirectObjects()) scanValue(object, found, 0);
  return [...found].sort();
}

/** The end-of-file marker within the last kB, where readers look for it. */
export function endsAsPdf(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .subarray(-1024)
    .toString("latin1")
    .includes("%%EOF");
}

/**
 * A reporter's PDF, read with a real parser. Refused (ok: false) unless it ends as a PDF must
 * (%%EOF near the end: a truncated upload does not) and has a catalog with at least one page.
 * An object that does not parse is skipped, as readers do: scanners and old tools write small
 * defects, and refusing a real document costs a frightened reporter more than it protects.
 * An encrypted file is kept when its structure can be read (most are "encrypted" with an empty
 * password only to forbid printing); its content cannot be checked, so it is flagged
 * "encrypted" and staff get the same warning as for active content.
 */
export async function inspectPdf(bytes) {
  if (!endsAsPdf(bytes)) return { ok: false };
  oversizedStream = false;
  try {
    const doc = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      throwOnInvalidObject: false,
      updateMetadata: false,
      parseSpeed: Infinity,
    });
    const pageCount = doc.getPages().length;
    if (pageCount < 1 || oversizedStream) return { ok: false };
    return { ok: true, pageCount, activeContent: findActiveContent(doc) };
  } catch {
    return { ok: false };
  }
}

/**
 * A plain PDF made of page images (JPEG from pdftoppm): no text, no fonts, no actions, nothing
 * but one picture per page. JPEGs are embedded as they are (pdf-lib reads only their header).
 * A page is sized so that the picture prints at 150 dpi.
 */
export async function rebuildFromImages(images) {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const image of images) {
    const embedded = await doc.embedJpg(image);
    const width = (embedded.width * 72) / 150;
    const height = (embedded.height * 72) / 150;
    doc.addPage([width, height]).drawImage(embedded, { x: 0, y: 0, width, height });
  }
  return doc.save({ useObjectStreams: false });
}
