import { readFileSync } from "node:fs";
import path from "node:path";
import exifr from "exifr";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { checkChosenFiles, keptFilesPosted, postedFiles } from "@/lib/attachments/limits";
import { cleanFileName, withExtension } from "@/lib/attachments/names";
import { prepareAttachment, sniffKind } from "@/lib/attachments/prepare";
import { cleanPdf } from "../support/pdfs";

// A phone photo as it leaves the camera: GPS position, make, model and a time in its EXIF.
const gpsExif = {
  IFD0: { Make: "TestPhone", Model: "Model 7", Software: "Camera 1.0" },
  IFD2: { DateTimeOriginal: "2026:03:14 10:15:00" },
  IFD3: {
    GPSLatitudeRef: "N",
    GPSLatitude: "46/1 3/1 1234/100",
    GPSLongitudeRef: "E",
    GPSLongitude: "14/1 30/1 5678/100",
  },
};

const photo = (
  format: "jpeg" | "png" | "webp",
  options: { width?: number; height?: number; orientation?: number } = {},
) =>
  sharp({
    create: {
      width: options.width ?? 64,
      height: options.height ?? 48,
      channels: 3,
      background: "#b03030",
    },
  })
    [format]()
    .withExif(gpsExif)
    .withMetadata(options.orientation ? { orientation: options.orientation } : {})
    .toBuffer();

const pdf = await cleanPdf({ author: "Ana Novak" });
const heic = readFileSync(path.join(import.meta.dirname, "../fixtures/sample.heic"));

async function prepared(name: string, bytes: Buffer, keepOriginal = false) {
  const result = await prepareAttachment(name, bytes, { keepOriginal });
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  return result.file;
}

describe("photo metadata", () => {
  it("the test photo really carries GPS, camera and time (else the next tests prove nothing)", async () => {
    const exif = await exifr.parse(await photo("jpeg"), { gps: true, tiff: true, exif: true });
    expect(exif.latitude).toBeCloseTo(46.0534, 3);
    expect(exif.Make).toBe("TestPhone");
    expect(exif.DateTimeOriginal).toBeDefined();
  });

  it("is gone from a stored JPEG: read back with an EXIF parser, nothing is left", async () => {
    const file = await prepared("IMG_0001.jpg", await photo("jpeg"));
    expect(file.metadataRemoved).toBe(true);
    expect(await exifr.parse(file.bytes, true)).toBeUndefined();
    expect(await exifr.gps(file.bytes)).toBeUndefined();
  });

  it.each(["jpeg", "png", "webp"] as const)(
    "is gone from a stored %s: no EXIF, XMP or IPTC block, no camera name in the bytes",
    async (format) => {
      const original = await photo(format);
      expect((await sharp(original).metadata()).exif).toBeDefined();
      const file = await prepared(`IMG_0001.${format}`, original);
      expect(file.metadataRemoved).toBe(true);
      expect(file.mediaType).toBe(`image/${format}`);
      if (format === "png") {
        const parsed = await exifr.parse(file.bytes, true); // PNG: exifr reports the image header only
        expect(parsed?.Make).toBeUndefined();
        expect(parsed?.GPSLatitude).toBeUndefined();
      }
      const metadata = await sharp(file.bytes).metadata();
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(metadata.iptc).toBeUndefined();
      expect(file.bytes.includes(Buffer.from("TestPhone"))).toBe(false);
    },
  );

  it("turns a photo upright before its orientation tag is dropped", async () => {
    // Orientation 6: stored sideways, shown rotated 90°. Stored 64×48, it must come out 48×64.
    const file = await prepared("sideways.jpg", await photo("jpeg", { orientation: 6 }));
    const metadata = await sharp(file.bytes).metadata();
    expect([metadata.width, metadata.height]).toEqual([48, 64]);
  });

  it("is kept byte for byte when the reporter asks to keep the original", async () => {
    const original = await photo("jpeg");
    const file = await prepared("evidence.jpg", original, true);
    expect(file.metadataRemoved).toBe(false);
    expect(file.bytes.equals(original)).toBe(true);
    expect((await exifr.gps(file.bytes))?.latitude).toBeCloseTo(46.0534, 3);
  });

  it("HEIC (iPhone) photos are decoded and stored as JPEG without metadata, or kept as HEIC on request", async () => {
    expect(await sniffKind(heic)).toBe("heic");
    const file = await prepared("IMG_4242.HEIC", heic);
    expect(file.mediaType).toBe("image/jpeg");
    expect(file.fileName).toBe("IMG_4242.jpg");
    expect(await sniffKind(file.bytes)).toBe("jpeg");
    expect(await exifr.parse(file.bytes, true)).toBeUndefined();
    const { width, height } = await sharp(file.bytes).metadata();
    expect([width, height]).toEqual([64, 48]);

    const original = await prepared("IMG_4242.HEIC", heic, true);
    expect(original.mediaType).toBe("image/heic");
    expect(original.bytes.equals(heic)).toBe(true);
  });
});

describe("type detection from the bytes", () => {
  it("rejects a renamed file: text, an executable or HTML named .jpg or .pdf", async () => {
    for (const [name, bytes] of [
      ["photo.jpg", Buffer.from("just some text, not a photo")],
      ["photo.jpg", Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "latin1")],
      ["scan.pdf", Buffer.from("<!doctype html><script>alert(1)</script>")],
      [
        "image.png",
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      ],
    ] as const) {
      expect(await prepareAttachment(name, bytes, { keepOriginal: false }), name).toEqual({
        ok: false,
        error: "fileType",
      });
      expect(await prepareAttachment(name, bytes, { keepOriginal: true }), name).toEqual({
        ok: false,
        error: "fileType",
      });
    }
  });

  it("goes by the bytes, not the name: a PNG named .jpg is a PNG and downloads as .png", async () => {
    const file = await prepared("photo.jpg", await photo("png"));
    expect(file.mediaType).toBe("image/png");
    expect(withExtension(file.fileName, file.mediaType)).toBe("photo.png");
  });

  it("rejects a file with an image's first bytes but nothing readable after them", async () => {
    const truncated = (await photo("jpeg")).subarray(0, 40);
    expect(await prepareAttachment("cut.jpg", truncated, { keepOriginal: false })).toEqual({
      ok: false,
      error: "fileUnreadable",
    });
    expect(await prepareAttachment("cut.jpg", truncated, { keepOriginal: true })).toEqual({
      ok: false,
      error: "fileUnreadable",
    });
  });

  it("stores a PDF as given, marked as not cleaned", async () => {
    const file = await prepared("contract.pdf", pdf);
    expect(file).toMatchObject({
      mediaType: "application/pdf",
      metadataRemoved: false,
      fileName: "contract.pdf",
    });
    expect(file.bytes.equals(pdf)).toBe(true);
    // The parser runs in a worker that loads pdf-lib first: seconds on a busy machine.
  }, 60_000);

  it("refuses a file over the size limit before looking at it", async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    expect(await prepareAttachment("big.pdf", big, { keepOriginal: false })).toEqual({
      ok: false,
      error: "fileTooLarge",
    });
  });
});

describe("limits and names", () => {
  const mb = 1024 * 1024;
  it("counts kept files with new ones, and checks each size and the total", () => {
    expect(checkChosenFiles([{ size: mb }])).toBeNull();
    expect(checkChosenFiles(Array.from({ length: 5 }, () => ({ size: mb })))).toBeNull();
    expect(checkChosenFiles(Array.from({ length: 6 }, () => ({ size: 1 })))).toBe("tooManyFiles");
    expect(checkChosenFiles([{ size: 1 }, { size: 1 }], 4)).toBe("tooManyFiles");
    expect(checkChosenFiles([{ size: 10 * mb + 1 }])).toBe("fileTooLarge");
    expect(checkChosenFiles([{ size: 9 * mb }, { size: 9 * mb }, { size: 9 * mb }])).toBe(
      "filesTooLarge",
    );
  });

  it("ignores the empty part a browser sends when no file was chosen", () => {
    const form = new FormData();
    form.append("attachments", new File([], ""));
    expect(postedFiles(form)).toEqual([]);
    form.append("attachments", new File(["x"], "a.jpg"));
    expect(postedFiles(form).map((file) => file.name)).toEqual(["a.jpg"]);
  });

  it("reads the page's list of kept files defensively: malformed entries are dropped, at most five", () => {
    const good = {
      id: "3c632eb7-8968-4731-810c-2669d523bf9e",
      name: "oglas.jpg",
      size: 1234,
      kind: "image",
      metadataRemoved: true,
    };
    const form = new FormData();
    for (const value of [
      JSON.stringify(good),
      "{not json",
      JSON.stringify({ ...good, id: "../x" }),
      JSON.stringify({ ...good, kind: "exe" }),
      JSON.stringify([1]),
    ]) {
      form.append("keptAttachment", value);
    }
    expect(keptFilesPosted(form)).toEqual([good]);
    const many = new FormData();
    for (let i = 0; i < 9; i++) many.append("keptAttachment", JSON.stringify(good));
    expect(keptFilesPosted(many)).toHaveLength(5);
  });

  it("cleans names: no path, no control or direction-changing characters, a safe length", () => {
    expect(cleanFileName("C:\\Users\\ana\\Desktop\\oglas.jpg")).toBe("oglas.jpg");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("photo\u202Egpj.exe")).toBe("photogpj.exe");
    expect(cleanFileName("фото\u0000.jpg")).toBe("фото.jpg");
    expect(cleanFileName(".hidden")).toBe("hidden");
    expect(cleanFileName("")).toBe("file");
    expect([...cleanFileName(`${"я".repeat(300)}.jpg`)]).toHaveLength(120);
    expect(withExtension("invoice.exe", "application/pdf")).toBe("invoice.pdf");
    expect(withExtension("no-extension", "image/jpeg")).toBe("no-extension.jpg");
  });
});
