import "server-only";
import { fileTypeFromBuffer } from "file-type";
import decodeHeic from "heic-decode";
import sharp from "sharp";
import { attachmentLimits, type AttachmentError } from "./limits";
import { cleanFileName, withExtension } from "./names";
import { inspectPdf } from "./pdf-inspect";

// Turns an uploaded file into what is stored. The type comes from the bytes, never from the name
// or the browser's word, and only these are taken:
//
//   JPEG, PNG, WebP  re-encoded to the same format: pixels only, so EXIF (GPS position, time,
//                    phone make and serial), XMP and IPTC are gone. Rotated upright first, since
//                    the orientation lives in the EXIF that is dropped.
//   HEIC/HEIF        (iPhones) decoded with libheif (WebAssembly) and stored as JPEG, likewise
//                    without metadata; sharp's own libvips build has no HEVC decoder.
//   PDF              stored as given once a real parser (pdf-lib, in a worker) reads it with at
//                    least one page, with the kinds of active content found (JavaScript, launch
//                    actions, embedded files...); the form warns that documents can carry an
//                    author's name. Staff get a copy rendered to images (pdf-safe-copy.ts).
//
// With "keep the original" (the metadata is the evidence: where and when a photo was taken) an
// image is stored byte for byte, after the same type check.

export type PreparedFile = {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
  metadataRemoved: boolean;
  /** PDFs only: what the parser found. */
  pdf?: { pageCount: number; activeContent: string[] };
};
export type PrepareResult = { ok: true; file: PreparedFile } | { ok: false; error: AttachmentError };

type Kind = "jpeg" | "png" | "webp" | "heic" | "pdf";

const kinds: Record<string, Kind> = {
  "image/jpeg": "jpeg",
  "image/png": "png",
  "image/webp": "webp",
  "image/heic": "heic",
  "image/heif": "heic",
  "application/pdf": "pdf",
};

export const mediaTypes: Record<Kind, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  heic: "image/heic",
  pdf: "application/pdf",
};

/** Decoding stops beyond this many pixels: a small file must not unpack into gigabytes. */
const maxPixels = 100_000_000;

export async function sniffKind(bytes: Uint8Array): Promise<Kind | null> {
  const found = await fileTypeFromBuffer(bytes);
  return (found && kinds[found.mime]) ?? null;
}

export async function prepareAttachment(name: string, bytes: Buffer, { keepOriginal }: { keepOriginal: boolean }): Promise<PrepareResult> {
  if (bytes.length > attachmentLimits.maxFileBytes) return { ok: false, error: "fileTooLarge" };
  const kind = await sniffKind(bytes);
  if (!kind) return { ok: false, error: "fileType" };
  const fileName = cleanFileName(name);

  if (kind === "pdf") {
    const pdf = await inspectPdf(bytes);
    if (!pdf.ok) return { ok: false, error: "pdfUnreadable" };
    const { pageCount, activeContent } = pdf;
    return { ok: true, file: { fileName, mediaType: mediaTypes.pdf, bytes, metadataRemoved: false, pdf: { pageCount, activeContent } } };
  }
  if (keepOriginal) {
    if (kind !== "heic" && !(await isReadableImage(bytes))) return { ok: false, error: "fileUnreadable" };
    return { ok: true, file: { fileName, mediaType: mediaTypes[kind], bytes, metadataRemoved: false } };
  }
  try {
    const clean = await reencode(kind, bytes);
    const mediaType = kind === "heic" ? mediaTypes.jpeg : mediaTypes[kind];
    return { ok: true, file: { fileName: withExtension(fileName, mediaType), mediaType, bytes: clean, metadataRemoved: true } };
  } catch {
    return { ok: false, error: "fileUnreadable" };
  }
}

async function reencode(kind: Exclude<Kind, "pdf">, bytes: Buffer): Promise<Buffer> {
  if (kind === "heic") {
    const image = await decodeHeic({ buffer: bytes });
    if (image.width * image.height > maxPixels) throw new Error("Image too large to decode.");
    return sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
      raw: { width: image.width, height: image.height, channels: 4 },
    })
      .jpeg({ quality: 90 })
      .toBuffer();
  }
  // sharp writes no metadata unless asked (withMetadata/keepExif): the output is pixels only.
  const image = sharp(bytes, { limitInputPixels: maxPixels, failOn: "error" }).rotate();
  if (kind === "jpeg") return image.jpeg({ quality: 90 }).toBuffer();
  if (kind === "png") return image.png().toBuffer();
  return image.webp({ quality: 90 }).toBuffer();
}

async function isReadableImage(bytes: Buffer): Promise<boolean> {
  try {
    const metadata = await sharp(bytes, { limitInputPixels: maxPixels }).metadata();
    return Boolean(metadata.width && metadata.height);
  } catch {
    return false;
  }
}
