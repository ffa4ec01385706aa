import { randomUUID } from "node:crypto";
import type { Browser } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillReport, messages, sampleAnswers } from "../e2e/support";
import { launchChromium } from "../support/browser";
import { forwardedTestAddress, testUserAgent } from "../support/canaries";
import { withPg } from "../support/database";
import { startNextServer, type TestServer } from "../support/next-server";
import { reportsStoredFrom } from "../support/stored-reports";
import {
  actionFields,
  alertIn,
  answers,
  postForm,
  receiptIn,
  scrapeForm,
} from "../support/report-post";

// The limits over HTTP with low settings. Behind a trusted proxy (TRUST_PROXY=1) each client
// address has its own bucket; without one, forwarding headers are ignored and the shared budget
// of stored bytes (and one bucket per form) is what holds, counted in PostgreSQL for every instance.

const description = "Na gradbišču delajo ljudje brez pogodb, spijo v kontejnerju.";

async function send(server: TestServer, hidden: [string, string][], forwardedFor?: string) {
  const submissionId = randomUUID();
  const parts = [
    ...actionFields(hidden, submissionId).map(([name, value]) => ({ name, value })),
    { name: "submissionId", value: submissionId },
    { name: "locale", value: "sl" },
    ...answers({ description }),
  ];
  const response = await postForm(
    server.url,
    "/sl/report",
    parts,
    forwardedFor ? { "X-Forwarded-For": forwardedFor } : {},
  );
  return {
    ...response,
    submissionId,
    receipt: receiptIn(response.html),
    alert: alertIn(response.html),
  };
}

describe("behind a trusted proxy", () => {
  let server: TestServer;
  let hidden: [string, string][];
  let browser: Browser;
  beforeAll(async () => {
    server = await startNextServer("http-rate-limit-proxy", {
      TRUST_PROXY: "1",
      RATE_LIMIT_SUBMISSIONS_PER_HOUR: "3",
    });
    hidden = (await scrapeForm(server.url, "/sl/report")).hidden;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("counts per client address, whatever the client writes before the proxy's entry", async () => {
    const client = forwardedTestAddress(10);
    for (let i = 0; i < 3; i++)
      expect((await send(server, hidden, `10.9.8.${i}, ${client}`)).receipt).not.toBeNull();
    const refused = await send(server, hidden, `10.9.9.9, ${client}`);
    expect(refused.status).toBe(200);
    expect(refused.alert).toBe(messages.sl.ReportForm.rateLimited);
    // The form comes back with what was typed, and nothing was stored.
    expect(refused.html).toContain(description);
    expect(await reportsStoredFrom(refused.submissionId)).toBe(0);
    // Another client is not affected.
    expect((await send(server, hidden, forwardedTestAddress(11))).receipt).not.toBeNull();
  });

  for (const javaScriptEnabled of [false, true]) {
    it(`turns a browser away with everything typed kept (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const client = forwardedTestAddress(javaScriptEnabled ? 21 : 20);
      for (let i = 0; i < 3; i++) await send(server, hidden, client);
      const context = await browser.newContext({
        javaScriptEnabled,
        userAgent: testUserAgent,
        baseURL: server.url,
        extraHTTPHeaders: { "X-Forwarded-For": client },
      });
      const page = await context.newPage();
      await page.goto("/en/report");
      if (javaScriptEnabled)
        await page.locator("form[data-enhanced]").waitFor({ state: "attached" });
      await fillReport(page, sampleAnswers);
      await page.getByRole("button", { name: messages.en.ReportForm.submit }).click();
      await page.getByText(messages.en.ReportForm.rateLimited).waitFor();
      expect(await page.locator("#description").inputValue()).toBe(sampleAnswers.description);
      expect(await page.locator("#peopleCount").inputValue()).toBe(sampleAnswers.peopleCount);
      expect(await page.locator(`#reporterRole-${sampleAnswers.reporterRole}`).isChecked()).toBe(
        true,
      );
      await context.close();
    });
  }
});

describe("without a trusted proxy, two instances on one database", () => {
  // About four reports' worth of text an hour for everyone together, counted in PostgreSQL.
  const settings = { TRUST_PROXY: "", RATE_LIMIT_STORED_KB_PER_HOUR: "8" };
  let a: TestServer;
  let b: TestServer;
  let hidden: [string, string][];
  beforeAll(async () => {
    // Buckets left by earlier files (the same hour's shared budget) would blur the count.
    await withPg((c) => c.query('DELETE FROM "RateLimitBucket"'));
    [a, b] = await Promise.all([
      startNextServer("http-rate-limit-a", settings),
      startNextServer("http-rate-limit-b", settings),
    ]);
    hidden = (await scrapeForm(a.url, "/sl/report")).hidden;
  }, 180_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it("ignore forwarding headers, charge nothing for junk, count one limit across both, and keep it through a restart", async () => {
    // Junk to both: invalid and honeypot posts. They cost nothing.
    for (const server of [a, b]) {
      for (let i = 0; i < 10; i++) {
        const submissionId = randomUUID();
        const parts = [
          ...actionFields(hidden, submissionId).map(([name, value]) => ({ name, value })),
          { name: "submissionId", value: submissionId },
          { name: "locale", value: "sl" },
        ];
        expect(
          (
            await postForm(server.url, "/sl/report", [
              ...parts,
              ...answers({ description: "kratko" }),
            ])
          ).status,
        ).toBe(200);
        expect(
          (
            await postForm(server.url, "/sl/report", [
              ...parts,
              ...answers(),
              { name: "extra_reference_url", value: "x" },
            ])
          ).status,
        ).toBe(200);
      }
    }
    expect(
      await withPg(
        async (c) => (await c.query('SELECT count(*)::int AS n FROM "RateLimitBucket"')).rows[0].n,
      ),
    ).toBe(0);

    const outcome = (r: Awaited<ReturnType<typeof send>>) =>
      r.receipt ? "stored" : r.alert === messages.sl.ReportForm.rateLimited ? "limited" : "?";
    const results = [];
    for (let i = 0; i < 6; i++)
      results.push(outcome(await send(i % 2 ? b : a, hidden, forwardedTestAddress(30 + i))));
    expect(results).toEqual(["stored", "stored", "stored", "stored", "limited", "limited"]);

    // A restarted instance does not start afresh.
    await a.stop();
    a = await startNextServer("http-rate-limit-a-restarted", settings);
    expect(outcome(await send(a, hidden))).toBe("limited");
  });
});
