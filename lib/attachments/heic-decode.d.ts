// heic-decode ships no types: the part of its API the tests use (lib/attachments/heic-worker.mjs
// calls the same in plain JavaScript).
declare module "heic-decode" {
  type DecodedImage = { width: number; height: number; data: Uint8ClampedArray };
  export default function decode(options: {
    buffer: Uint8Array | ArrayBuffer;
  }): Promise<DecodedImage>;
}
