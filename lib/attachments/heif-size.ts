// The largest picture a HEIC/HEIF file can make libheif allocate, read from its boxes alone, so a
// file is refused before anything is decoded. Libraries that size HEIF (image-size,
// image-dimensions) read only the `ispe` properties, which a file may leave out or lie in: libheif
// allocates a grid or overlay canvas by the size in the item's own data, and libde265 allocates a
// tile by the size in the HEVC sequence parameter set (SPS). So every size the file states is
// taken — ispe, grid and iovl data, every SPS in the hvcC and in the coded data — and the largest
// counts. Anything inconsistent or beyond these bounds is "unreadable": honest phone files are far
// inside them, and a file we cannot size is not decoded.
//
// Invariants: every read is bounds-checked (a failed check throws, and the file is refused);
// every loop advances by at least one byte or is capped by a count below; no length in the file
// is trusted to allocate memory.

export type ImageSize = { width: number; height: number };

const maxBoxes = 20_000;
/** libheif's own limit (it refuses more); a 48 MP iPhone photo has about 200 tiles. */
const maxItems = 1_000;
const maxNalUnits = 100_000;
/** Item data examined for SPSs, as a multiple of the file: items may share bytes, never reuse them endlessly. */
const maxScannedFactor = 2;
/** Item types libheif decodes into pixels here (heic-decode's build: HEVC, and the derived kinds). */
const imageTypes = new Set(["hvc1", "grid", "iovl", "iden"]);

class Unreadable extends Error {}

/** The largest width and height any item claims, or null when the file cannot be sized. */
export function largestHeifImage(bytes: Uint8Array): ImageSize | null {
  try {
    return measure(bytes);
  } catch (error) {
    if (error instanceof Unreadable || error instanceof RangeError) return null;
    throw error;
  }
}

type Box = { type: string; start: number; body: number; end: number };

class Reader {
  private boxCount = 0;
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  check(at: number, length: number, end = this.bytes.length) {
    if (!Number.isSafeInteger(at) || at < 0 || length < 0 || at + length > end)
      throw new Unreadable();
  }
  u8 = (at: number, end?: number) => (this.check(at, 1, end), this.view.getUint8(at));
  u16 = (at: number, end?: number) => (this.check(at, 2, end), this.view.getUint16(at));
  u32 = (at: number, end?: number) => (this.check(at, 4, end), this.view.getUint32(at));
  /** An unsigned big-endian integer of 0, 2, 4 or 8 bytes (iloc's field sizes). */
  uint(at: number, size: number, end?: number): number {
    if (size === 0) return 0;
    if (size === 2) return this.u16(at, end);
    if (size === 4) return this.u32(at, end);
    if (size === 8) {
      if (this.u32(at, end) !== 0) throw new Unreadable(); // beyond any file we accept
      return this.u32(at + 4, end);
    }
    throw new Unreadable();
  }
  fourcc(at: number, end?: number) {
    this.check(at, 4, end);
    return String.fromCharCode(...this.bytes.subarray(at, at + 4));
  }
  /** The boxes between start and end, each wholly inside its parent. */
  children(start: number, end: number): Box[] {
    const found: Box[] = [];
    let at = start;
    while (at < end) {
      if (++this.boxCount > maxBoxes) throw new Unreadable();
      let size = this.u32(at, end);
      const type = this.fourcc(at + 4, end);
      let body = at + 8;
      if (size === 1) {
        size = this.uint(at + 8, 8, end);
        body += 8;
      } else if (size === 0) {
        size = end - at;
      }
      if (size < body - at || at + size > end) throw new Unreadable();
      found.push({ type, start: at, body, end: at + size });
      at += size;
    }
    return found;
  }
}

type Item = { id: number; type: string; properties: number[] };
type Extent = { offset: number; length: number };
type Location = { method: number; base: number; extents: Extent[] };

function measure(bytes: Uint8Array): ImageSize {
  const r = new Reader(bytes);
  const top = r.children(0, bytes.length);
  const metas = top.filter((box) => box.type === "meta");
  if (top[0]?.type !== "ftyp" || metas.length !== 1) throw new Unreadable();
  const meta = metas[0]!;
  const boxes = r.children(meta.body + 4, meta.end); // a FullBox: version and flags first
  const one = (type: string) => {
    const found = boxes.filter((box) => box.type === type);
    if (found.length > 1) throw new Unreadable();
    return found[0];
  };
  const pitm = one("pitm");
  const iinf = one("iinf");
  const iprp = one("iprp");
  const iloc = one("iloc");
  const idat = one("idat");
  if (!pitm || !iinf || !iprp) throw new Unreadable();

  const primary =
    r.u8(pitm.body) === 0 ? r.u16(pitm.body + 4, pitm.end) : r.u32(pitm.body + 4, pitm.end);
  const items = readItems(r, iinf);
  const properties = readProperties(r, iprp, items);
  const locations = iloc ? readLocations(r, iloc) : new Map<number, Location>();
  if (!imageTypes.has(items.get(primary)?.type ?? "")) throw new Unreadable();

  let scanned = 0;
  const dataOf = (id: number): Uint8Array => {
    const location = locations.get(id);
    if (!location) throw new Unreadable();
    const parts = location.extents.map(({ offset, length }) => {
      const from = location.base + offset;
      if (location.method === 0)
        return (r.check(from, length), bytes.subarray(from, from + length));
      if (location.method === 1 && idat)
        return (
          r.check(idat.body + from, length, idat.end),
          bytes.subarray(idat.body + from, idat.body + from + length)
        );
      throw new Unreadable(); // item-offset construction: not in any phone's files
    });
    scanned += parts.reduce((sum, part) => sum + part.length, 0);
    if (scanned > maxScannedFactor * bytes.length) throw new Unreadable();
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  };

  const sizes: ImageSize[] = [];
  const parameterSets = new Map<Box, ImageSize[]>(); // tiles share one hvcC: read it once
  for (const item of items.values()) {
    const own = item.properties
      .map((index) => properties[index - 1])
      .filter((p) => p !== undefined);
    for (const property of own) {
      if (property.type === "ispe")
        sizes.push({
          width: r.u32(property.body + 4, property.end),
          height: r.u32(property.body + 8, property.end),
        });
    }
    if (item.type === "hvc1") {
      const hvcC = own.find((p) => p.type === "hvcC");
      if (!hvcC) throw new Unreadable();
      const before = sizes.length;
      if (!parameterSets.has(hvcC)) parameterSets.set(hvcC, hvcCSizes(r, hvcC));
      sizes.push(...parameterSets.get(hvcC)!);
      sizes.push(...codedSizes(dataOf(item.id)));
      if (sizes.length === before) throw new Unreadable(); // no SPS: nothing says how large it decodes
    } else if (item.type === "grid" || item.type === "iovl") {
      sizes.push(derivedSize(item.type, dataOf(item.id)));
    }
  }
  if (sizes.length === 0) throw new Unreadable();
  return sizes.reduce((a, b) => ({
    width: Math.max(a.width, b.width),
    height: Math.max(a.height, b.height),
  }));
}

function readItems(r: Reader, iinf: Box): Map<number, Item> {
  const version = r.u8(iinf.body);
  const count = version === 0 ? r.u16(iinf.body + 4, iinf.end) : r.u32(iinf.body + 4, iinf.end);
  if (count > maxItems) throw new Unreadable();
  const items = new Map<number, Item>();
  for (const infe of r.children(iinf.body + (version === 0 ? 6 : 8), iinf.end)) {
    if (infe.type !== "infe") continue;
    const v = r.u8(infe.body, infe.end);
    if (v < 2) continue; // no item type before version 2: never an image libheif decodes
    const id = v === 2 ? r.u16(infe.body + 4, infe.end) : r.u32(infe.body + 4, infe.end);
    const type = r.fourcc(infe.body + (v === 2 ? 8 : 10), infe.end);
    if (items.has(id)) throw new Unreadable();
    items.set(id, { id, type, properties: [] });
  }
  if (items.size > maxItems) throw new Unreadable();
  return items;
}

function readProperties(r: Reader, iprp: Box, items: Map<number, Item>): Box[] {
  const children = r.children(iprp.body, iprp.end);
  const ipco = children.find((box) => box.type === "ipco");
  if (!ipco) throw new Unreadable();
  const properties = r.children(ipco.body, ipco.end);
  for (const ipma of children.filter((box) => box.type === "ipma")) {
    const version = r.u8(ipma.body, ipma.end);
    const wide = (r.u8(ipma.body + 3, ipma.end) & 1) === 1;
    const count = r.u32(ipma.body + 4, ipma.end);
    let at = ipma.body + 8;
    for (let i = 0; i < count; i++) {
      // Each entry takes at least 3 bytes, so a false count runs out of box, not of time.
      const id = version < 1 ? r.u16(at, ipma.end) : r.u32(at, ipma.end);
      at += version < 1 ? 2 : 4;
      const associations = r.u8(at++, ipma.end);
      const item = items.get(id);
      for (let j = 0; j < associations; j++) {
        const index = wide ? r.u16(at, ipma.end) & 0x7fff : r.u8(at, ipma.end) & 0x7f;
        at += wide ? 2 : 1;
        if (index > properties.length) throw new Unreadable();
        if (index > 0) item?.properties.push(index);
      }
    }
  }
  return properties;
}

function readLocations(r: Reader, iloc: Box): Map<number, Location> {
  const end = iloc.end;
  const version = r.u8(iloc.body, end);
  if (version > 2) throw new Unreadable();
  const sizes = r.u16(iloc.body + 4, end);
  const [offsetSize, lengthSize, baseSize, indexSize] = [
    sizes >> 12,
    (sizes >> 8) & 15,
    (sizes >> 4) & 15,
    version === 0 ? 0 : sizes & 15,
  ];
  const count = version < 2 ? r.u16(iloc.body + 6, end) : r.u32(iloc.body + 6, end);
  if (count > maxItems) throw new Unreadable();
  let at = iloc.body + (version < 2 ? 8 : 10);
  const locations = new Map<number, Location>();
  for (let i = 0; i < count; i++) {
    const id = version < 2 ? r.u16(at, end) : r.u32(at, end);
    at += version < 2 ? 2 : 4;
    let method = 0;
    if (version > 0) {
      method = r.u16(at, end) & 15;
      at += 2;
    }
    at += 2; // data_reference_index: 0 (this file) is the only one anyone writes
    const base = r.uint(at, baseSize, end);
    at += baseSize;
    const extentCount = r.u16(at, end);
    at += 2;
    const extents: Extent[] = [];
    for (let j = 0; j < extentCount; j++) {
      at += indexSize;
      const offset = r.uint(at, offsetSize, end);
      at += offsetSize;
      const length = r.uint(at, lengthSize, end);
      at += lengthSize;
      extents.push({ offset, length });
    }
    if (extents.some((extent) => extent.length === 0)) throw new Unreadable(); // "to the end of the file": never needed
    if (locations.has(id)) throw new Unreadable();
    locations.set(id, { method, base, extents });
  }
  return locations;
}

/** Grid and overlay items carry their canvas size in their data (ISO/IEC 23008-12, 6.6.2). */
function derivedSize(type: "grid" | "iovl", data: Uint8Array): ImageSize {
  const r = new Reader(data);
  if (r.u8(0) !== 0) throw new Unreadable();
  const wide = (r.u8(1) & 1) === 1;
  // grid: rows and columns (one byte each); iovl: four 16-bit fill values.
  const at = type === "grid" ? 4 : 10;
  return wide
    ? { width: r.u32(at), height: r.u32(at + 4) }
    : { width: r.u16(at), height: r.u16(at + 2) };
}

function hvcCSizes(r: Reader, hvcC: Box): ImageSize[] {
  const sizes: ImageSize[] = [];
  // libheif hands libde265 4-byte NAL lengths whatever hvcC says; only files that agree are taken.
  if ((r.u8(hvcC.body + 21, hvcC.end) & 3) !== 3) throw new Unreadable();
  const arrays = r.u8(hvcC.body + 22, hvcC.end);
  let at = hvcC.body + 23;
  for (let i = 0; i < arrays; i++) {
    const count = r.u16(at + 1, hvcC.end);
    at += 3;
    for (let j = 0; j < count; j++) {
      const length = r.u16(at, hvcC.end);
      r.check(at + 2, length, hvcC.end);
      const nal = r.bytes.subarray(at + 2, at + 2 + length);
      if (nalType(nal) === 33) sizes.push(spsSize(nal));
      at += 2 + length;
    }
  }
  return sizes;
}

/** Every SPS in an item's coded data (4-byte length-prefixed NAL units), which libde265 would also obey. */
function codedSizes(data: Uint8Array): ImageSize[] {
  const r = new Reader(data);
  const sizes: ImageSize[] = [];
  let at = 0;
  for (let n = 0; at < data.length; n++) {
    if (n > maxNalUnits) throw new Unreadable();
    const length = r.u32(at);
    r.check(at + 4, length);
    if (length === 0) throw new Unreadable();
    const nal = data.subarray(at + 4, at + 4 + length);
    if (nalType(nal) === 33) sizes.push(spsSize(nal));
    at += 4 + length;
  }
  return sizes;
}

const nalType = (nal: Uint8Array) => ((nal[0] ?? 0) >> 1) & 0x3f;

/** pic_width/height_in_luma_samples of an HEVC SPS (ITU-T H.265, 7.3.2.2): the size libde265 allocates. */
function spsSize(nal: Uint8Array): ImageSize {
  const rbsp = withoutEmulationPrevention(nal.subarray(2));
  let bit = 0;
  const read = (count: number) => {
    let value = 0;
    for (let i = 0; i < count; i++, bit++) {
      if (bit >> 3 >= rbsp.length) throw new Unreadable();
      value = value * 2 + ((rbsp[bit >> 3]! >> (7 - (bit & 7))) & 1);
    }
    return value;
  };
  const unsignedExpGolomb = () => {
    let zeros = 0;
    while (read(1) === 0) if (++zeros > 31) throw new Unreadable();
    return 2 ** zeros - 1 + read(zeros);
  };
  read(4); // sps_video_parameter_set_id
  const subLayers = read(3); // sps_max_sub_layers_minus1
  read(1);
  read(96); // general profile, tier and level
  const present = Array.from({ length: subLayers }, () => [read(1), read(1)] as const);
  if (subLayers > 0) read(2 * (8 - subLayers));
  for (const [profile, level] of present) read(profile * 88 + level * 8);
  unsignedExpGolomb(); // sps_seq_parameter_set_id
  if (unsignedExpGolomb() === 3) read(1); // chroma_format_idc 4:4:4: separate_colour_plane_flag
  return { width: unsignedExpGolomb(), height: unsignedExpGolomb() };
}

function withoutEmulationPrevention(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  let zeros = 0;
  // The SPS fields read above lie in its first ~60 bytes; the rest is never needed.
  for (let i = 0; i < bytes.length && out.length < 256; i++) {
    const byte = bytes[i]!;
    if (zeros >= 2 && byte === 3) {
      zeros = 0;
      continue;
    }
    zeros = byte === 0 ? zeros + 1 : 0;
    out.push(byte);
  }
  return Uint8Array.from(out);
}
