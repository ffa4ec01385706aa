import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../e2e/support";
import { withPg } from "../support/database";
import { startNextServer, type TestServer } from "../support/next-server";
import {
  actionFields,
  answers,
  postActionCall,
  postForm,
  receiptIn,
  scrapeForm,
  type Part,
  type ScrapedForm,
} from "../support/report-post";

// A bot's post (honeypot filled) and a form sent again after it was stored are answered by
// proxy.ts with a short page before Next.js runs the action or renders the form page (what junk
// costs, issue 11): the bot still sees a receipt, the person who resent sees the same notice as
// before, and nothing more is stored. The inline React payload only a rendered page carries
// ("self.__next_f") tells the two kinds of answer apart.

let server: TestServer;
let form: ScrapedForm;

beforeAll(async () => {
  server = await startNextServer("http-cheap-answers");
  form = await scrapeForm(server.url, "/uk/report");
}, 120_000);
afterAll(() => server?.stop());

function report(submissionId: string, extra: Part[] = []): Part[] {
  return [
    ...actionFields(form.hidden, submissionId).map(([name, value]) => ({ name, value })),
    { name: "submissionId", value: submissionId },
    { name: "locale", value: "uk" },
    ...answers(),
    ...extra,
  ];
}

const storedUnder = (submissionId: string) =>
  withPg(
    async (c) =>
      (
        await c.query(`SELECT count(*)::int AS n FROM "Report" WHERE "submissionId" = $1`, [
          submissionId,
        ])
      ).rows[0].n as number,
  );

const rendered = (html: string) => html.includes("self.__next_f");

describe("answers proxy.ts gives without rendering", () => {
  it("a bot's post without JavaScript: a receipt page, in its language, and nothing stored", async () => {
    const submissionId = randomUUID();
    const answer = await postForm(
      server.url,
      "/uk/report",
      report(submissionId, [{ name: "extra_reference_url", value: "https://spam.example/" }]),
    );
    expect(answer.status).toBe(200);
    expect(receiptIn(answer.html)).not.toBeNull();
    expect(answer.html).toContain(messages.uk.Receipt.title);
    expect(rendered(answer.html)).toBe(false);
    expect(await storedUnder(submissionId)).toBe(0);
  });

  it("a bot's call with JavaScript still gets the action's success state, and nothing stored", async () => {
    const submissionId = randomUUID();
    const answer = await postActionCall(
      server.url,
      "/uk/report",
      form,
      report(submissionId, [{ name: "extra_reference_url", value: "https://spam.example/" }]),
      JSON.stringify([{ status: "idle", submissionId }, "$K1"]),
    );
    expect(answer.status).toBe(200);
    expect(receiptIn(answer.html)).not.toBeNull();
    expect(await storedUnder(submissionId)).toBe(0);
  });

  it("a form sent again after it was stored: the notice, one report, and a fresh form is not affected", async () => {
    const submissionId = randomUUID();
    const first = await postForm(server.url, "/uk/report", report(submissionId));
    expect(receiptIn(first.html)).not.toBeNull();
    expect(rendered(first.html)).toBe(true);

    const again = await postForm(server.url, "/uk/report", report(submissionId));
    expect(again.status).toBe(200);
    expect(again.html).toContain(messages.uk.ReportForm.duplicate);
    expect(again.html).toContain('href="/uk/report"');
    expect(receiptIn(again.html)).toBeNull();
    expect(rendered(again.html)).toBe(false);
    expect(await storedUnder(submissionId)).toBe(1);

    // An invalid post under a new id still gets the whole form back from Next.js, as typed.
    const fresh = randomUUID();
    const invalid = await postForm(
      server.url,
      "/uk/report",
      report(fresh).map((part) => (part.name === "description" ? { ...part, value: "" } : part)),
    );
    expect(invalid.status).toBe(200);
    expect(rendered(invalid.html)).toBe(true);
    expect(invalid.html).toContain(fresh);
    expect(await storedUnder(fresh)).toBe(0);
  });
});
