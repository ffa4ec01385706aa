import { readFileSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";

// Small files that claim huge pictures, built by hand so that each says exactly what a test needs:
// HEIF files box by box (ISO/IEC 14496-12 and 23008-12), HEVC parameter sets bit by bit, and a
// PNG whose rows of zeros deflate to almost nothing.

const fixtures = path.join(import.meta.dirname, "..", "fixtures");
export const fixture = (name: string) => readFileSync(path.join(fixtures, name));

const u8 = (n: number) => Buffer.from([n]);
const u16 = (n: number) => Buffer.from([n >> 8, n & 255]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const cc = (type: string) => Buffer.from(type, "latin1");

export const box = (type: string, ...parts: Uint8Array[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([u32(8 + body.length), cc(type), body]);
};
export const fullBox = (type: string, version: number, flags: number, ...parts: Uint8Array[]) =>
  box(type, u8(version), u8(flags >> 16), u16(flags & 0xffff), ...parts);

/** An HEVC sequence parameter set (NAL type 33) for a picture of width × height, emulation-prevented. */
export function sps(width: number, height: number): Buffer {
  const bits: number[] = [];
  const put = (value: number, count: number) => {
    for (let i = count - 1; i >= 0; i--) bits.push(Math.floor(value / 2 ** i) % 2);
  };
  const ue = (value: number) => {
    const code = value + 1;
    const length = Math.floor(Math.log2(code));
    put(0, length);
    put(code, length + 1);
  };
  put(0, 4); // sps_video_parameter_set_id
  put(0, 3); // no sub-layers
  put(1, 1);
  // Main profile, level 3.1: profile_space, tier, idc; compatibility flags; constraint flags; level.
  put(1, 8);
  put(0x60000000, 32);
  put(0x90, 8);
  put(0, 40);
  put(93, 8);
  ue(0); // sps_seq_parameter_set_id
  ue(1); // 4:2:0
  ue(width);
  ue(height);
  put(1, 1); // the rest is never read: stop here
  while (bits.length % 8) bits.push(0);
  const rbsp = Array.from({ length: bits.length / 8 }, (_, i) =>
    bits.slice(i * 8, i * 8 + 8).reduce((a, b) => a * 2 + b, 0),
  );
  const escaped: number[] = [];
  let zeros = 0;
  for (const byte of rbsp) {
    if (zeros >= 2 && byte <= 3) {
      escaped.push(3);
      zeros = 0;
    }
    escaped.push(byte);
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return Buffer.from([0x42, 0x01, ...escaped]);
}

/** An hvcC box carrying the given parameter sets. */
export function hvcC(nals: Buffer[]): Buffer {
  const header = Buffer.alloc(22);
  header[0] = 1;
  header[21] = 0x0f; // lengthSizeMinusOne = 3
  const arrays = nals.map((nal) =>
    Buffer.concat([u8(0x80 | ((nal[0]! >> 1) & 0x3f)), u16(1), u16(nal.length), nal]),
  );
  return box("hvcC", header, u8(arrays.length), ...arrays);
}

/** The real 64×64 HEVC tile of tests/fixtures/sample.heic: its hvcC box and coded data. */
export function sampleTile(): { hvcC: Buffer; data: Buffer } {
  const file = fixture("sample.heic");
  const at = file.indexOf("hvcC") - 4;
  const mdat = file.indexOf("mdat") - 4;
  return {
    hvcC: file.subarray(at, at + file.readUInt32BE(at)),
    data: file.subarray(mdat + 8, mdat + file.readUInt32BE(mdat)),
  };
}

export const ispe = (width: number, height: number) =>
  fullBox("ispe", 0, 0, u32(width), u32(height));

export type ItemSpec = {
  id: number;
  type: string;
  properties?: Buffer[];
  data?: Buffer;
  /** Where the item's data goes: the file's mdat (offsets from the file's start) or the meta's idat. */
  dataIn?: "mdat" | "idat";
  /** Items this one is derived from (grid tiles, overlay layers), in order. */
  derivedFrom?: number[];
  hidden?: boolean;
};

/** A complete HEIF file of these items; libheif opens what this builds (see tests/unit/heif-size.test.ts). */
export function heifFile(items: ItemSpec[], primary: number): Buffer {
  const ftyp = box("ftyp", cc("heic"), u32(0), cc("mif1"), cc("heic"));
  const build = (mdatStart: number) => {
    // Items share identical properties, as encoders write them (one hvcC for all tiles).
    const properties: Buffer[] = [];
    const associations: Buffer[] = [];
    for (const item of items) {
      const indices = (item.properties ?? []).map((property) => {
        let index = properties.findIndex((known) => known.equals(property)) + 1;
        if (index === 0) index = properties.push(property);
        const essential = property.subarray(4, 8).toString("latin1") === "hvcC" ? 0x80 : 0;
        return u8(essential | index);
      });
      associations.push(Buffer.concat([u16(item.id), u8(indices.length), ...indices]));
    }
    let mdatAt = mdatStart;
    let idatAt = 0;
    const located = items.filter((item) => item.data);
    const locations = located.map((item) => {
      const inIdat = item.dataIn === "idat";
      const offset = inIdat ? idatAt : mdatAt;
      if (inIdat) idatAt += item.data!.length;
      else mdatAt += item.data!.length;
      return Buffer.concat([
        u16(item.id),
        u16(inIdat ? 1 : 0),
        u16(0),
        u16(1),
        u32(offset),
        u32(item.data!.length),
      ]);
    });
    const derived = items.filter((item) => item.derivedFrom?.length);
    const meta = fullBox(
      "meta",
      0,
      0,
      fullBox("hdlr", 0, 0, u32(0), cc("pict"), Buffer.alloc(12), u8(0)),
      fullBox("pitm", 0, 0, u16(primary)),
      fullBox("iloc", 1, 0, u16(0x4400), u16(located.length), ...locations),
      fullBox(
        "iinf",
        0,
        0,
        u16(items.length),
        ...items.map((item) =>
          fullBox("infe", 2, item.hidden ? 1 : 0, u16(item.id), u16(0), cc(item.type), u8(0)),
        ),
      ),
      ...(derived.length
        ? [
            fullBox(
              "iref",
              0,
              0,
              ...derived.map((item) =>
                box(
                  "dimg",
                  u16(item.id),
                  u16(item.derivedFrom!.length),
                  ...item.derivedFrom!.map(u16),
                ),
              ),
            ),
          ]
        : []),
      box(
        "iprp",
        box("ipco", ...properties),
        fullBox("ipma", 0, 0, u32(items.length), ...associations),
      ),
      box("idat", ...located.filter((item) => item.dataIn === "idat").map((item) => item.data!)),
    );
    return meta;
  };
  const mdatStart = ftyp.length + build(0).length + 8;
  const mdat = box(
    "mdat",
    ...items.filter((item) => item.data && item.dataIn !== "idat").map((item) => item.data!),
  );
  return Buffer.concat([ftyp, build(mdatStart), mdat]);
}

/** Grid item data: rows × columns of tiles making a canvas of width × height (32-bit sizes when needed). */
export function gridData(rows: number, columns: number, width: number, height: number): Buffer {
  const wide = width > 0xffff || height > 0xffff;
  return Buffer.concat([
    u8(0),
    u8(wide ? 1 : 0),
    u8(rows - 1),
    u8(columns - 1),
    ...(wide ? [u32(width), u32(height)] : [u16(width), u16(height)]),
  ]);
}

/** Overlay item data: a canvas of width × height with each layer at the given offset. */
export function overlayData(width: number, height: number, offsets: [number, number][]): Buffer {
  const wide = width > 0xffff || height > 0xffff;
  const size = wide ? u32 : u16;
  return Buffer.concat([
    u8(0),
    u8(wide ? 1 : 0),
    Buffer.alloc(8),
    size(width),
    size(height),
    ...offsets.flatMap(([x, y]) => [size(x), size(y)]),
  ]);
}

/** A grid of copies of the sample's real tile: libheif decodes it (the canvas is cropped from the tiles). */
export function sampleGrid(
  rows: number,
  columns: number,
  width: number,
  height: number,
  gridIspe: [number, number] = [width, height],
): Buffer {
  const tile = sampleTile();
  const tiles: ItemSpec[] = Array.from({ length: rows * columns }, (_, i) => ({
    id: i + 2,
    type: "hvc1",
    hidden: true,
    properties: [tile.hvcC, ispe(64, 64)],
    data: tile.data,
  }));
  const grid: ItemSpec = {
    id: 1,
    type: "grid",
    properties: [ispe(...gridIspe)],
    data: gridData(rows, columns, width, height),
    dataIn: "idat",
    derivedFrom: tiles.map((t) => t.id),
  };
  return heifFile([grid, ...tiles], 1);
}

/** The bomb: an overlay claiming a 16384×16384 canvas over one 64×64 tile, about 500 bytes. */
export function overlayBomb(side = 16384): Buffer {
  const tile = sampleTile();
  return heifFile(
    [
      {
        id: 1,
        type: "iovl",
        properties: [ispe(side, side)],
        data: overlayData(side, side, [[0, 0]]),
        dataIn: "idat",
        derivedFrom: [2],
      },
      { id: 2, type: "hvc1", hidden: true, properties: [tile.hvcC, ispe(64, 64)], data: tile.data },
    ],
    1,
  );
}

/** A 1-bit greyscale PNG of width × height, all black: a few kilobytes that decode to width × height pixels. */
export function pngBomb(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 255]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) =>
    Buffer.concat([u32(data.length), cc(type), data, u32(crc(Buffer.concat([cc(type), data])))]);
  const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height); // filter byte 0, then zero bits
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", Buffer.concat([u32(width), u32(height), u8(1), u8(0), u8(0), u8(0), u8(0)])),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
