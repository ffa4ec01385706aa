import "server-only";
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import { workLimits } from "@/lib/config";
import { largestHeifImage } from "./heif-size";
import { decodeHeicInWorker, ImageTooHeavy, withImageSlot } from "./image-work";
import { attachmentLimits, type AttachmentError } from "./limits";
import { cleanFileName, withExtension } from "./names";
import { inspectPdf } from "./pdf-inspect";

// Turns an uploaded file into what is stored. The type comes from the bytes, never from the name
// or the browser's word, and only these are taken:
//
//   JPEG, PNG, WebP  re-encoded to the same format: pixels only, so EXIF (GPS position, time,
//                    phone make and serial), XMP and IPTC are gone. Rotated upright first, since
//                    the orientation lives in the EXIF that is dropped.
//   HEIC/HEIF        (iPhones) decoded with libheif (WebAssembly, in a worker thread) and stored
//                    as JPEG, likewise without metadata; sharp's libvips build has no HEVC decoder.
//   PDF              stored as given once a real parser (pdf-lib, in a worker) reads it with at
//                    least one page, with the kinds of active content found (JavaScript, launch
//                    actions, embedded files...); the form warns that documents can carry an
//                    author's name. Staff get a copy rendered to images (pdf-safe-copy.ts).
//
// With "keep the original" (the metadata is the evidence: where and when a photo was taken) an
// image is stored byte for byte, after the same type check.
//
// Before any pixel is decoded, the size is read from the headers (HEIF: lib/attachments/heif-size.ts;
// the rest: sharp's metadata) and a photo over `maxImagePixels` is refused, kept or not.

export type PreparedFile = {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
  metadataRemoved: boolean;
  /** PDFs only: what the parser found. */
  pdf?: { pageCount: number; activeContent: string[] };
};
export type PrepareResult =
  { ok: true; file: PreparedFile } | { ok: false; error: AttachmentError };

type Kind = "jpeg" | "png" | "webp" | "heic" | "pdf";

const kinds: Record<string, Kind> = {
  "image/jpeg": "jpeg",
  "image/png": "png",
  "image/webp": "webp",
  "image/heic": "heic",
  "image/heif": "heic",
  "application/pdf": "pdf",
};

const mediaTypes: Record<Kind, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  heic: "image/heic",
  pdf: "application/pdf",
};

/**
 * No photo over 50 megapixels is decoded: a small file must not unpack into gigabytes. Phones take
 * at most 48–50 MP in their full-resolution modes (iPhone 8064×6048, Android 8160×6120; by default
 * 12–24 MP); the 108–200 MP modes make JPEGs beyond the 10 MB file limit anyway. At the cap one
 * HEIC decode peaks near 600 MB (YUV planes, RGBA, the copy handed back), a JPEG re-encode near
 * 250 MB — times IMAGE_WORKERS at once.
 */
export const maxImagePixels = 50_000_000;

export async function sniffKind(bytes: Uint8Array): Promise<Kind | null> {
  const found = await fileTypeFromBuffer(bytes);
  return (found && kinds[found.mime]) ?? null;
}

export async function prepareAttachment(
  name: string,
  bytes: Buffer,
  { keepOriginal }: { keepOriginal: boolean },
): Promise<PrepareResult> {
  if (bytes.length > attachmentLimits.maxFileBytes) return { ok: false, error: "fileTooLarge" };
  const kind = await sniffKind(bytes);
  if (!kind) return { ok: false, error: "fileType" };
  const fileName = cleanFileName(name);

  if (kind === "pdf") {
    const pdf = await inspectPdf(bytes);
    if (!pdf.ok) return { ok: false, error: "pdfUnreadable" };
    const { pageCount, activeContent } = pdf;
    return {
      ok: true,
      file: {
        fileName,
        mediaType: mediaTypes.pdf,
        bytes,
        metadataRemoved: false,
        pdf: { pageCount, activeContent },
      },
    };
  }
  const refusal = await checkImageSize(kind, bytes);
  if (refusal) return { ok: false, error: refusal };
  if (keepOriginal) {
    if (kind !== "heic" && !(await isReadableImage(bytes)))
      return { ok: false, error: "fileUnreadable" };
    return {
      ok: true,
      file: { fileName, mediaType: mediaTypes[kind], bytes, metadataRemoved: false },
    };
  }
  try {
    const clean = await withImageSlot(() => reencode(kind, bytes));
    const mediaType = kind === "heic" ? mediaTypes.jpeg : mediaTypes[kind];
    return {
      ok: true,
      file: {
        fileName: withExtension(fileName, mediaType),
        mediaType,
        bytes: clean,
        metadataRemoved: true,
      },
    };
  } catch (error) {
    return {
      ok: false,
      error: error instanceof ImageTooHeavy ? "imageTooLarge" : "fileUnreadable",
    };
  }
}

/** The size from the headers only: refused over the cap, or when the headers cannot be read. */
async function checkImageSize(
  kind: Exclude<Kind, "pdf">,
  bytes: Buffer,
): Promise<AttachmentError | null> {
  let size: { width: number; height: number } | null;
  if (kind === "heic") {
    size = largestHeifImage(bytes);
  } else {
    // sharp reads the header here, not the pixels; the cap is applied below, not by sharp, so that
    // "too large" and "damaged" stay apart.
    const metadata = await sharp(bytes, { limitInputPixels: false })
      .metadata()
      .catch(() => null);
    size =
      metadata?.width && metadata.height
        ? { width: metadata.width, height: metadata.height }
        : null;
  }
  if (!size || size.width === 0 || size.height === 0) return "fileUnreadable";
  return size.width * size.height > maxImagePixels ? "imageTooLarge" : null;
}

async function reencode(kind: Exclude<Kind, "pdf">, bytes: Buffer): Promise<Buffer> {
  const timeout = { seconds: workLimits.imageDecodeSeconds() };
  if (kind === "heic") {
    const image = await decodeHeicInWorker(bytes);
    if (image.width * image.height > maxImagePixels)
      throw new ImageTooHeavy("larger than its headers said");
    return sharp(image.data, {
      raw: { width: image.width, height: image.height, channels: 4 },
      limitInputPixels: maxImagePixels,
    })
      .jpeg({ quality: 90 })
      .timeout(timeout)
      .toBuffer()
      .catch(asTooHeavyOnTimeout);
  }
  // sharp writes no metadata unless asked (withMetadata/keepExif): the output is pixels only.
  const image = sharp(bytes, { limitInputPixels: maxImagePixels, failOn: "error" })
    .rotate()
    .timeout(timeout);
  const encoded =
    kind === "jpeg"
      ? image.jpeg({ quality: 90 })
      : kind === "png"
        ? image.png()
        : image.webp({ quality: 90 });
  return encoded.toBuffer().catch(asTooHeavyOnTimeout);
}

function asTooHeavyOnTimeout(error: unknown): never {
  throw error instanceof Error && /timeout/i.test(error.message)
    ? new ImageTooHeavy("re-encoding took too long")
    : error;
}

async function isReadableImage(bytes: Buffer): Promise<boolean> {
  try {
    const metadata = await sharp(bytes, { limitInputPixels: maxImagePixels }).metadata();
    return Boolean(metadata.width && metadata.height);
  } catch {
    return false;
  }
}
