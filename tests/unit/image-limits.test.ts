import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { withImageSlot } from "@/lib/attachments/image-work";
import { maxImagePixels, prepareAttachment } from "@/lib/attachments/prepare";
import {
  fixture,
  heifFile,
  hvcC,
  ispe,
  overlayBomb,
  pngBomb,
  sampleGrid,
  sampleTile,
  sps,
} from "../support/image-bombs";

// Photos that would unpack into gigabytes are refused from their headers, before any decoding;
// what is decoded runs a few at a time, HEIC in a worker thread with a time limit.

afterEach(() => {
  delete process.env.IMAGE_DECODE_SECONDS;
  delete process.env.IMAGE_WORKERS;
});

/** The outcome, how long it took, and how much the process grew meanwhile. */
async function refusal(name: string, bytes: Buffer, keepOriginal: boolean) {
  const rss = process.memoryUsage.rss();
  const began = performance.now();
  const result = await prepareAttachment(name, bytes, { keepOriginal });
  return {
    result,
    ms: performance.now() - began,
    grewMb: (process.memoryUsage.rss() - rss) / 2 ** 20,
  };
}

describe("refused from the headers, whether kept as taken or not", () => {
  // Each of these would take seconds of CPU and 400 MB to 1 GB of memory to decode.
  const bombs: [string, () => Buffer][] = [
    ["10000×10000 WebP (38 bytes)", () => fixture("10000x10000.webp")],
    ["10000×10000 PNG (12 kB)", () => pngBomb(10_000, 10_000)],
    ["HEIC overlay claiming 16384×16384 (473 bytes)", () => overlayBomb()],
    ["HEIC grid claiming 20000×20000", () => sampleGrid(1, 1, 20_000, 20_000)],
    [
      "HEIC tile whose ispe says 64×64 and whose SPS says 16384×16384",
      () =>
        heifFile(
          [
            {
              id: 1,
              type: "hvc1",
              properties: [hvcC([sps(16384, 16384)]), ispe(64, 64)],
              data: sampleTile().data,
            },
          ],
          1,
        ),
    ],
  ];

  it.each(bombs)("%s", async (_name, make) => {
    const bytes = make();
    for (const keepOriginal of [false, true]) {
      const { result, ms, grewMb } = await refusal("photo", bytes, keepOriginal);
      expect(result).toEqual({ ok: false, error: "imageTooLarge" });
      expect(ms).toBeLessThan(1000);
      expect(grewMb).toBeLessThan(50);
    }
  });

  it("the WebP and PNG really are that large (else the test above proves nothing)", async () => {
    for (const bytes of [fixture("10000x10000.webp"), pngBomb(10_000, 10_000)]) {
      const { width, height } = await sharp(bytes).metadata();
      expect(width! * height!).toBe(100_000_000);
    }
    expect(100_000_000).toBeGreaterThan(maxImagePixels);
  });

  it("a HEIC whose boxes cannot be read is unreadable, not decoded", async () => {
    const cut = sampleGrid(2, 2, 128, 96).subarray(0, 600);
    for (const keepOriginal of [false, true])
      expect((await refusal("cut.heic", cut, keepOriginal)).result).toEqual({
        ok: false,
        error: "fileUnreadable",
      });
  });

  it("a photo just within the cap is taken", async () => {
    // 50 MP as a 1-bit PNG: decoding it is the cost an honest full-resolution photo may have.
    const side = Math.floor(Math.sqrt(maxImagePixels));
    const result = await prepareAttachment("big.png", pngBomb(side, side), { keepOriginal: true });
    expect(result.ok).toBe(true);
  });
});

describe("decoding in a worker", () => {
  it("a HEIC grid is decoded in the worker and stored as JPEG of the grid's size", async () => {
    const result = await prepareAttachment("IMG_0001.HEIC", sampleGrid(2, 3, 180, 120), {
      keepOriginal: false,
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.file.mediaType).toBe("image/jpeg");
    expect(await sharp(result.file.bytes).metadata()).toMatchObject({
      format: "jpeg",
      width: 180,
      height: 120,
    });
  });

  it("a decode past IMAGE_DECODE_SECONDS is ended and refused as too large, and the event loop runs meanwhile", async () => {
    // 961 tiles: seconds of libheif on a busy core, a fraction of one on an idle machine. The limit is
    // set from how long this machine takes without one, so the test holds on either.
    const heavy = sampleGrid(31, 31, 1984, 1984);
    const unlimitedStart = performance.now();
    expect((await prepareAttachment("heavy.heic", heavy, { keepOriginal: false })).ok).toBe(true);
    const unlimitedMs = performance.now() - unlimitedStart;
    const limitMs = Math.max(10, Math.floor(unlimitedMs / 4));
    process.env.IMAGE_DECODE_SECONDS = (limitMs / 1000).toFixed(3);
    let maxLag = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      maxLag = Math.max(maxLag, now - last - 20);
      last = now;
    }, 20);
    const began = performance.now();
    const result = await prepareAttachment("heavy.heic", heavy, { keepOriginal: false });
    const ms = performance.now() - began;
    clearInterval(ticker);
    expect(result).toEqual({ ok: false, error: "imageTooLarge" });
    expect(ms).toBeGreaterThanOrEqual(limitMs - 5);
    expect(ms).toBeLessThan(limitMs + 2000);
    // On the main thread this decode blocks timers for its whole length; here they fire on time,
    // but for what a machine shared with other work adds (seen up to ~0.5 s at load 25).
    expect(maxLag).toBeLessThan(1000);
  });

  it("at most IMAGE_WORKERS run at once; the rest wait their turn and all finish", async () => {
    process.env.IMAGE_WORKERS = "2";
    let running = 0;
    let most = 0;
    const job = () =>
      withImageSlot(async () => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running--;
        return "done";
      });
    const failing = withImageSlot(async () => {
      throw new Error("broken file");
    });
    await expect(failing).rejects.toThrow("broken file");
    expect(await Promise.all(Array.from({ length: 7 }, job))).toEqual(Array(7).fill("done"));
    expect(most).toBe(2);
  });
});
