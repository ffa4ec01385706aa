// Decodes one HEIC/HEIF file in a worker thread (started by lib/attachments/image-work.ts), so
// libheif's WebAssembly never runs on the server's event loop, and a decode that runs too long is
// ended with the thread. Loading libheif takes longer than decoding a photo, so the thread loads
// it first and then waits for its one file. Plain JavaScript beside the code that starts it:
// Next.js does not bundle it, Node loads it from the project folder at run time.
import { parentPort } from "node:worker_threads";
import decodeHeic from "heic-decode";

parentPort.once("message", async (bytes) => {
  try {
    const image = await decodeHeic({ buffer: bytes });
    const { data } = image;
    const whole =
      data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
    parentPort.postMessage({ ok: true, width: image.width, height: image.height, data: whole }, [
      whole.buffer,
    ]);
  } catch {
    // The message of a decoder error is not needed, and could quote the file.
    parentPort.postMessage({ ok: false });
  }
});
