import fc from "fast-check";
import decodeHeic from "heic-decode";
import { describe, expect, it } from "vitest";
import { largestHeifImage } from "@/lib/attachments/heif-size";
import {
  box,
  fixture,
  fullBox,
  gridData,
  heifFile,
  hvcC,
  ispe,
  overlayBomb,
  overlayData,
  sampleGrid,
  sampleTile,
  sps,
} from "../support/image-bombs";

// The HEIF size reader (lib/attachments/heif-size.ts) on real files, on files built box by box that
// libheif really opens (decoded here to prove it), and on files that lie, loop or end too soon.

// Milliseconds in fact; the bound leaves room for a loaded CI machine, and a parser that looped or
// went quadratic would still be far beyond it.
const fast = <T>(fn: () => T): T => {
  const began = performance.now();
  const result = fn();
  expect(performance.now() - began).toBeLessThan(1000);
  return result;
};

describe("real files", () => {
  it.each([
    // sample.heic: a 64×48 picture (heif-info) cropped by a 1×1 grid from a 64×64 coded tile.
    ["sample.heic", { width: 64, height: 64 }],
    // heif-enc 1.15 (Debian): with a 160×120 thumbnail and an alpha plane, and with EXIF.
    ["alpha-thumbnail.heic", { width: 640, height: 480 }],
    ["exif.heic", { width: 1024, height: 768 }],
  ])("%s: the largest size it can decode to", async (name, size) => {
    const bytes = fixture(name);
    expect(largestHeifImage(bytes)).toEqual(size);
    const decoded = await decodeHeic({ buffer: bytes });
    expect(decoded.width).toBeLessThanOrEqual(size.width);
    expect(decoded.height).toBeLessThanOrEqual(size.height);
  });

  it("a grid and an overlay built here are real HEIF files: libheif decodes them to the size read", async () => {
    const grid = sampleGrid(2, 3, 180, 120);
    expect(largestHeifImage(grid)).toEqual({ width: 180, height: 120 });
    expect(await decodeHeic({ buffer: grid })).toMatchObject({ width: 180, height: 120 });
    const overlay = overlayBomb(100);
    expect(largestHeifImage(overlay)).toEqual({ width: 100, height: 100 });
    expect(await decodeHeic({ buffer: overlay })).toMatchObject({ width: 100, height: 100 });
  });
});

describe("files that claim more than they hold", () => {
  it("the issue's overlay bomb: about 500 bytes claiming 16384×16384", () => {
    const bomb = overlayBomb();
    expect(bomb.length).toBeLessThan(600);
    expect(fast(() => largestHeifImage(bomb))).toEqual({ width: 16384, height: 16384 });
  });

  it("a grid claiming a huge canvas, with 16- and 32-bit sizes, its data in idat or in mdat", () => {
    const tile = sampleTile();
    const tiles = [
      { id: 2, type: "hvc1", hidden: true, properties: [tile.hvcC, ispe(64, 64)], data: tile.data },
    ];
    for (const [width, height] of [
      [65535, 65535],
      [100_000, 100_000],
      [64, 4_000_000_000],
    ] as const) {
      for (const dataIn of ["idat", "mdat"] as const) {
        const file = heifFile(
          [
            {
              id: 1,
              type: "grid",
              properties: [ispe(64, 64)],
              data: gridData(1, 1, width, height),
              dataIn,
              derivedFrom: [2],
            },
            ...tiles,
          ],
          1,
        );
        expect(
          fast(() => largestHeifImage(file)),
          `${width}×${height} in ${dataIn}`,
        ).toEqual({ width, height });
      }
    }
  });

  it("an ispe that lies small: the grid's data, or the tile's parameter sets, say how large it decodes", () => {
    // The grid's ispe says 128×96; its data says 20000×20000.
    const lyingGrid = heifFile(
      [
        {
          id: 1,
          type: "grid",
          properties: [ispe(128, 96)],
          data: gridData(1, 1, 20_000, 20_000),
          dataIn: "idat",
          derivedFrom: [2],
        },
        {
          id: 2,
          type: "hvc1",
          hidden: true,
          properties: [sampleTile().hvcC, ispe(64, 64)],
          data: sampleTile().data,
        },
      ],
      1,
    );
    expect(largestHeifImage(lyingGrid)).toEqual({ width: 20_000, height: 20_000 });

    // A tile whose ispe says 64×64 while its SPS (what libde265 allocates by) says 16384×16384,
    // once in the hvcC and once inside the coded data.
    const huge = sps(16384, 16384);
    const inHvcC = heifFile(
      [{ id: 1, type: "hvc1", properties: [hvcC([huge]), ispe(64, 64)], data: sampleTile().data }],
      1,
    );
    expect(largestHeifImage(inHvcC)).toEqual({ width: 16384, height: 16384 });
    const nal = Buffer.concat([Buffer.from([0, 0, 0, huge.length]), huge]);
    const inData = heifFile(
      [
        {
          id: 1,
          type: "hvc1",
          properties: [sampleTile().hvcC, ispe(64, 64)],
          data: Buffer.concat([nal, sampleTile().data]),
        },
      ],
      1,
    );
    expect(largestHeifImage(inData)).toEqual({ width: 16384, height: 16384 });
  });

  it("an SPS built here reads back as written (the bit reader against the bit writer)", () => {
    for (const [w, h] of [
      [1, 1],
      [64, 48],
      [4032, 3024],
      [16384, 16384],
      [65535, 1],
    ] as const) {
      const file = heifFile(
        [
          {
            id: 1,
            type: "hvc1",
            properties: [hvcC([sps(w, h)]), ispe(1, 1)],
            data: sampleTile().data,
          },
        ],
        1,
      );
      expect(largestHeifImage(file)).toEqual({ width: w, height: h });
    }
  });
});

describe("files that cannot be sized are refused", () => {
  const grid = sampleGrid(2, 2, 128, 96);

  it("every truncation of a real file and of a built grid", () => {
    for (const file of [fixture("sample.heic"), fixture("alpha-thumbnail.heic"), grid]) {
      for (let length = 0; length < file.length; length++)
        expect(largestHeifImage(file.subarray(0, length)), `first ${length} bytes`).toBeNull();
    }
  });

  it("boxes that loop, overrun their parent, or count more than they hold", () => {
    const tile = sampleTile();
    const ftyp = box("ftyp", Buffer.from("heic\0\0\0\0mif1heic", "latin1"));
    const cases: Record<string, Buffer> = {
      "a box of size 4 (would never advance)": Buffer.concat([
        ftyp,
        Buffer.from([0, 0, 0, 4]),
        Buffer.from("meta"),
      ]),
      "a 64-bit size of 0": Buffer.concat([
        ftyp,
        Buffer.from([0, 0, 0, 1]),
        Buffer.from("meta"),
        Buffer.alloc(8),
      ]),
      "a box larger than its parent": Buffer.concat([
        ftyp,
        fullBox("meta", 0, 0, Buffer.from([0, 0, 0x10, 0]), Buffer.from("pitm")),
      ]),
      "two meta boxes": Buffer.concat([grid, grid.subarray(ftyp.length)]),
      "no ftyp first": grid.subarray(ftyp.length),
      "an iinf counting 4 billion items": Buffer.from(grid).fill(
        0xff,
        grid.indexOf("iinf") + 8,
        grid.indexOf("iinf") + 10,
      ),
      "an ipma counting 4 billion entries": Buffer.from(grid).fill(
        0xff,
        grid.indexOf("ipma") + 8,
        grid.indexOf("ipma") + 12,
      ),
      "an iloc counting 65535 items": Buffer.from(grid).fill(
        0xff,
        grid.indexOf("iloc") + 10,
        grid.indexOf("iloc") + 12,
      ),
      "a primary that is not an image": heifFile(
        [
          { id: 1, type: "Exif", data: Buffer.alloc(10) },
          { id: 2, type: "hvc1", properties: [tile.hvcC], data: tile.data },
        ],
        1,
      ),
      "a primary that does not exist": heifFile(
        [{ id: 2, type: "hvc1", properties: [tile.hvcC], data: tile.data }],
        7,
      ),
      "a tile without hvcC": heifFile(
        [{ id: 1, type: "hvc1", properties: [ispe(64, 64)], data: tile.data }],
        1,
      ),
      "a tile without a parameter set": heifFile(
        [{ id: 1, type: "hvc1", properties: [hvcC([]), ispe(64, 64)], data: tile.data }],
        1,
      ),
      "a grid without data": heifFile([{ id: 1, type: "grid", properties: [ispe(64, 64)] }], 1),
      "coded data with a NAL unit longer than the item": heifFile(
        [
          {
            id: 1,
            type: "hvc1",
            properties: [tile.hvcC],
            data: Buffer.from([0, 0, 1, 0, 0x26, 1]),
          },
        ],
        1,
      ),
      "an overlay of version 1": heifFile(
        [
          {
            id: 1,
            type: "iovl",
            data: Buffer.concat([Buffer.from([1]), overlayData(64, 64, []).subarray(1)]),
            dataIn: "idat",
          },
        ],
        1,
      ),
    };
    for (const [name, file] of Object.entries(cases))
      expect(
        fast(() => largestHeifImage(file)),
        name,
      ).toBeNull();
  });

  it("a thousand tiles are sized in milliseconds; more than libheif would open are refused", () => {
    expect(fast(() => largestHeifImage(sampleGrid(31, 31, 1984, 1984)))).toEqual({
      width: 1984,
      height: 1984,
    });
    expect(fast(() => largestHeifImage(sampleGrid(32, 32, 2048, 2048)))).toBeNull();
  });

  it("random damage never throws and never takes long", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(grid.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (edits) => {
          const damaged = Buffer.from(grid);
          for (const [at, value] of edits) damaged[at] = value;
          const size = fast(() => largestHeifImage(damaged));
          if (size)
            expect([size.width, size.height].every((n) => Number.isSafeInteger(n) && n >= 0)).toBe(
              true,
            );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
