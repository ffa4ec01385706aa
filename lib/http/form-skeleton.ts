// A large post (files) is read by proxy.ts only to check its envelope and the action it names,
// which are in its small text fields. Buffering the whole body and parsing it into FormData would
// cost about four copies of it per post (~100 MB for 25 MB); instead it is streamed, and what is
// kept is the body with the contents of its file parts left out: the same bytes the platform's own
// multipart parser (the one Next.js uses for a form posted without JavaScript) would read, so the
// checks see what Next.js will see, only without the files. Fields whose name starts with
// "$ACTION" are always kept whole: they are what the checks read.
//
// How the parser delimits a part: its content runs from the end of its headers ("\r\n\r\n") to the
// next occurrence of the boundary, less the four bytes before it ("\r\n--"). Keeping those four
// bytes and dropping the rest keeps every delimiter where it was.

/** The body with file contents dropped, and its real length; null when the kept text is over `maxKept`. */
export type Skeleton = { body: Uint8Array; bytes: number } | null;

const headerEnd = Buffer.from("\r\n\r\n");
const maxHeaderBytes = 16 * 1024;

export async function formSkeleton(
  stream: ReadableStream<Uint8Array>,
  boundary: string,
  maxKept: number,
): Promise<Skeleton> {
  const delimiter = Buffer.from(boundary, "utf8");
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let bytes = 0;
  // The bytes of the current part not yet decided on: its headers while they are incomplete, or
  // the tail of a dropped content in which the next delimiter may begin.
  let pending = Buffer.alloc(0);
  // "copy": inside the preamble, headers or a kept part; "skip": inside a file's content.
  let mode: "copy" | "headers" | "skip" = "copy";

  const keep = (chunk: Buffer) => {
    if (chunk.length === 0) return;
    kept.push(chunk);
    keptBytes += chunk.length;
  };

  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (value) bytes += value.length;
    let data = value ? Buffer.concat([pending, value]) : pending;
    pending = Buffer.alloc(0);
    while (data.length > 0) {
      if (mode === "headers") {
        const end = data.indexOf(headerEnd);
        if (end === -1) {
          // Headers this long are no browser's: kept whole, for the parser to refuse.
          if (data.length > maxHeaderBytes || done) {
            keep(data);
            mode = "copy";
            data = Buffer.alloc(0);
          } else pending = data;
          break;
        }
        const headers = data.subarray(0, end + headerEnd.length);
        keep(Buffer.from(headers));
        mode = isFilePart(headers.toString("latin1")) ? "skip" : "copy";
        data = data.subarray(headers.length);
        continue;
      }
      const at = data.indexOf(delimiter);
      if (at === -1) {
        // The delimiter may straddle chunks: what could be its beginning waits for the next one
        // (copied, so that it does not pin the whole chunk).
        const safe = done ? data.length : Math.max(0, data.length - (delimiter.length + 4));
        if (mode === "copy") keep(data.subarray(0, safe));
        else if (done) keep(data.subarray(Math.max(0, data.length - 4)));
        pending = Buffer.from(data.subarray(safe));
        break;
      }
      if (mode === "copy") keep(data.subarray(0, at + delimiter.length));
      // A dropped content keeps its last four bytes ("\r\n--"), where the parser looks for them.
      else keep(Buffer.concat([data.subarray(Math.max(0, at - 4), at), delimiter]));
      mode = "headers";
      data = data.subarray(at + delimiter.length);
    }
    if (keptBytes > maxKept) {
      await reader.cancel().catch(() => {});
      return null;
    }
    if (done) break;
  }
  if (pending.length > 0 && mode !== "skip") keep(pending);
  return { body: Buffer.concat(kept), bytes };
}

/** A part with a file name whose field is not one of React's (those are always text). */
function isFilePart(headers: string): boolean {
  const disposition = /^content-disposition:([^\r\n]*)/im.exec(headers)?.[1] ?? "";
  return /;\s*filename\*?=/i.test(disposition) && !/\bname="\$ACTION/i.test(disposition);
}

/** The boundary of a multipart Content-Type, or null. */
export function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}
