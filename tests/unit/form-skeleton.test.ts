import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundaryOf, formSkeleton } from "@/lib/http/form-skeleton";

// The skeleton must read, through the platform's own parser, as the whole body does but with
// every file empty: the same fields in the same order, the same text, the same file names. Bodies
// are made by the platform itself (as a browser sends them) and cut into arbitrary chunks.

async function encode(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const response = new Response(form);
  return {
    body: Buffer.from(await response.arrayBuffer()),
    contentType: response.headers.get("content-type")!,
  };
}

function chunked(body: Buffer, cuts: number[]): ReadableStream<Uint8Array> {
  const points = [...new Set(cuts.map((cut) => cut % (body.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, body.length]) {
    if (point > from) pieces.push(new Uint8Array(body.subarray(from, point)));
    from = point;
  }
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
}

async function entries(body: Uint8Array, contentType: string) {
  const form = await new Response(new Uint8Array(body).buffer, {
    headers: { "content-type": contentType },
  }).formData();
  return [...form.entries()].map(([name, value]) =>
    typeof value === "string" ? [name, value] : [name, `file:${value.name}:${value.size}`],
  );
}

const field = fc.tuple(
  fc.oneof(fc.string(), fc.constantFrom("$ACTION_REF_1", "$ACTION_1:0", "$ACTION_KEY", "0")),
  fc.oneof(fc.string(), fc.string({ unit: "binary" })),
);
const file = fc.record({
  name: fc.constantFrom("attachments", "files"),
  filename: fc.string({ minLength: 1 }),
  size: fc.integer({ min: 0, max: 70_000 }),
});

describe("formSkeleton", () => {
  it("reads like the whole body with the files emptied, however the body is chunked", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(field, file), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (parts, cuts) => {
          const form = new FormData();
          for (const part of parts) {
            if (Array.isArray(part)) form.append(part[0], part[1]);
            else
              form.append(
                part.name,
                new Blob([new Uint8Array(part.size).fill(0x2d)]),
                part.filename,
              );
          }
          const { body, contentType } = await encode(form);
          const skeleton = await formSkeleton(
            chunked(body, cuts),
            boundaryOf(contentType)!,
            1024 * 1024,
          );
          expect(skeleton?.bytes).toBe(body.length);
          const expected = (await entries(body, contentType)).map(([name, value]) => [
            name,
            value!.startsWith("file:") ? value!.replace(/:\d+$/, ":0") : value,
          ]);
          expect(await entries(skeleton!.body, contentType)).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("keeps little of a large upload", async () => {
    const form = new FormData();
    form.append("$ACTION_ID_00ab", "");
    form.append("attachments", new Blob([new Uint8Array(8 * 1024 * 1024)]), "photo.jpg");
    const { body, contentType } = await encode(form);
    const skeleton = await formSkeleton(
      chunked(body, [1, 65_536, 3_000_000]),
      boundaryOf(contentType)!,
      1024 * 1024,
    );
    expect(skeleton!.body.length).toBeLessThan(1024);
    expect(await entries(skeleton!.body, contentType)).toEqual([
      ["$ACTION_ID_00ab", ""],
      ["attachments", "file:photo.jpg:0"],
    ]);
  });

  it("gives up on text beyond the bound (a forged field the size of the body)", async () => {
    const form = new FormData();
    form.append("description", "x".repeat(3 * 1024 * 1024));
    const { body, contentType } = await encode(form);
    expect(await formSkeleton(chunked(body, []), boundaryOf(contentType)!, 1024 * 1024)).toBe(null);
  });

  it("keeps a malformed body malformed: what the parser refuses whole, it refuses as a skeleton", async () => {
    const boundary = "----x";
    const contentType = `multipart/form-data; boundary=${boundary}`;
    const bodies = [
      // a part without Content-Disposition
      `--${boundary}\r\nContent-Type: text/plain\r\n\r\nvalue\r\n--${boundary}--\r\n`,
      // a file whose content never ends
      `--${boundary}\r\nContent-Disposition: form-data; name="a"; filename="f"\r\n\r\n${"y".repeat(100_000)}`,
      // headers that never end
      `--${boundary}\r\nContent-Disposition: form-data; name="a"${"z".repeat(40_000)}`,
    ];
    for (const text of bodies) {
      const body = Buffer.from(text);
      await expect(entries(body, contentType)).rejects.toThrow();
      const skeleton = await formSkeleton(chunked(body, [7, 50, 9000]), boundary, 1024 * 1024);
      await expect(entries(skeleton!.body, contentType)).rejects.toThrow();
    }
  });
});
