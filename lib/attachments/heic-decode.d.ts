// heic-decode ships no types: the part of its API lib/attachments/prepare.ts uses.
declare module "heic-decode" {
  type DecodedImage = { width: number; height: number; data: Uint8ClampedArray };
  export default function decode(options: { buffer: Uint8Array | ArrayBuffer }): Promise<DecodedImage>;
}
