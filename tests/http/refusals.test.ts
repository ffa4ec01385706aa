import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../e2e/support";
import { testUserAgent } from "../support/canaries";
import { startNextServer, type TestServer } from "../support/next-server";
import { reportsStoredFrom } from "../support/stored-reports";
import {
  actionFields,
  answers,
  multipart,
  postActionCall,
  postForm,
  receiptIn,
  scrapeForm,
  type Part,
} from "../support/report-post";

// Posts Next.js itself would answer with a bare 500 get a localized page from proxy.ts instead,
// and nothing is stored.

let server: TestServer;
let hidden: [string, string][];

beforeAll(async () => {
  server = await startNextServer("http-refusals");
  hidden = (await scrapeForm(server.url, "/sl/report")).hidden;
}, 120_000);
afterAll(() => server?.stop());

function report(overrides: Record<string, string> = {}): { parts: Part[]; submissionId: string } {
  const submissionId = randomUUID();
  return {
    submissionId,
    parts: [
      ...actionFields(hidden, submissionId).map(([name, value]) => ({
        name,
        value: overrides[name] ?? value,
      })),
      { name: "submissionId", value: submissionId },
      { name: "locale", value: "sl" },
      ...answers(),
    ],
  };
}

const title = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1];

describe("a post the app refuses before it reaches the action", () => {
  it("too large: a localized 413 page, declared or counted, and nothing stored", async () => {
    const { parts, submissionId } = report();
    // Over the cap for a whole post (files 25 MB together, plus 1 MB for the text).
    parts.push({
      name: "attachments",
      filename: "big.pdf",
      value: Buffer.alloc(27 * 1024 * 1024, 0x25),
    });
    const declared = await postForm(server.url, "/sl/report", parts);
    expect(declared.status).toBe(413);
    expect(declared.contentType).toContain("text/html");
    expect(declared.html).toContain('<html lang="sl">');
    expect(title(declared.html)).toBe(messages.sl.Errors.tooLargeTitle);

    // Sent in chunks without a length, and far over the limit.
    const { body, contentType } = multipart([
      ...parts.slice(0, -1),
      { name: "description", value: "x".repeat(2 * 1024 * 1024) },
    ]);
    const chunked = await fetch(`${server.url}/uk/report`, {
      method: "POST",
      headers: { Origin: server.url, "Content-Type": contentType, "User-Agent": testUserAgent },
      duplex: "half",
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 15; i++) controller.enqueue(Uint8Array.from(body));
          controller.close();
        },
      }),
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(title(await chunked.text())).toBe(messages.uk.Errors.tooLargeTitle);
    expect(await reportsStoredFrom(submissionId)).toBe(0);
  });

  it("a file over its own limit but within the post's: the action answers with the form, the error and everything typed", async () => {
    const { parts, submissionId } = report();
    parts.push({
      name: "attachments",
      filename: "scan.pdf",
      value: Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(11 * 1024 * 1024, 0x20)]),
    });
    const response = await postForm(server.url, "/en/report", parts);
    expect(response.status).toBe(200);
    const text = response.html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"');
    expect(text).toContain(messages.en.Attachments.errors.fileTooLarge.replace("{maxSize}", "10"));
    const description = answers().find((part) => part.name === "description")!.value as string;
    expect(text).toContain(description);
    expect(await reportsStoredFrom(submissionId)).toBe(0);
  });

  it("forged hidden action fields: a localized 400 page", async () => {
    const forgeries: Record<string, string>[] = [
      { "$ACTION_1:1": "not json" },
      { "$ACTION_1:0": `{"id":"7f","bound":"$@5"}` },
      { "$ACTION_1:1": `[{"a":"$@2"}]` },
    ];
    for (const forged of forgeries) {
      const { parts, submissionId } = report(forged);
      const response = await postForm(server.url, "/en/report", parts);
      expect(response.status, JSON.stringify(forged)).toBe(400);
      expect(title(response.html)).toBe(messages.en.Errors.unreadableTitle);
      expect(await reportsStoredFrom(submissionId)).toBe(0);
    }
  });

  it("from another origin, or from a browser that hides it (Origin: null): a localized 403 page", async () => {
    for (const origin of ["https://evil.example", "null", "not a url"]) {
      const { parts, submissionId } = report();
      const response = await postForm(server.url, "/uk/report", parts, { Origin: origin });
      expect(response.status, origin).toBe(403);
      expect(title(response.html)).toBe(messages.uk.Errors.unreadableTitle);
      expect(await reportsStoredFrom(submissionId)).toBe(0);
    }
    // A JavaScript (fetch) action from another origin too.
    const fetchAction = await fetch(`${server.url}/en/report`, {
      method: "POST",
      headers: {
        Origin: "https://evil.example",
        "Next-Action": "7f00",
        "Content-Type": "text/plain",
        "User-Agent": testUserAgent,
      },
      body: "[]",
    });
    expect(fetchAction.status).toBe(403);
  });

  it("a JavaScript action call whose arguments are not a list: a 400, not a 500", async () => {
    const form = await scrapeForm(server.url, "/en/report");
    for (const root of ["{bad", '"x"', null]) {
      const submissionId = randomUUID();
      const parts = [
        ...actionFields(form.hidden, submissionId).map(([name, value]) => ({ name, value })),
        { name: "submissionId", value: submissionId },
        ...answers(),
      ];
      const response = await postActionCall(server.url, "/en/report", form, parts, root);
      expect(response.status, String(root)).toBe(400);
      expect(await reportsStoredFrom(submissionId)).toBe(0);
    }
    // The same call, well-formed, stores the report and answers with the new state.
    const submissionId = randomUUID();
    const parts = [
      ...actionFields(form.hidden, submissionId).map(([name, value]) => ({ name, value })),
      { name: "submissionId", value: submissionId },
      ...answers(),
    ];
    const response = await postActionCall(
      server.url,
      "/en/report",
      form,
      parts,
      JSON.stringify([{ status: "idle", submissionId }, "$K1"]),
    );
    expect(response.contentType).toContain("text/x-component");
    expect(receiptIn(response.html)).toMatch(/^\d{6}( \d{6}){4}$/);
    expect(await reportsStoredFrom(submissionId)).toBe(1);
  });

  it("a body that is not multipart at all: a localized 400 page", async () => {
    const response = await fetch(`${server.url}/sl/report`, {
      method: "POST",
      headers: {
        Origin: server.url,
        "Content-Type": "multipart/form-data; boundary=abc",
        "User-Agent": testUserAgent,
      },
      body: "--abc\r\nnonsense without an end",
    });
    expect(response.status).toBe(400);
    expect(title(await response.text())).toBe(messages.sl.Errors.unreadableTitle);
  });

  it("the same post, well-formed, is stored", async () => {
    const { parts, submissionId } = report();
    expect((await postForm(server.url, "/sl/report", parts)).status).toBe(200);
    expect(await reportsStoredFrom(submissionId)).toBe(1);
  });
});
