import type { Browser } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillReport, messages, sampleAnswers } from "../e2e/support";
import { launchChromium } from "../support/browser";
import { testUserAgent } from "../support/canaries";
import { withPg } from "../support/database";
import { startNextServer, type TestServer } from "../support/next-server";
import { tcpSwitch } from "../support/tcp-switch";

// PostgreSQL goes away (a relay in front of it is switched off: open connections cut, new ones
// refused) and comes back. The server must start and serve help without it, tell a reporter
// plainly, keep everything typed on the page, write nothing half-way, and store the same form
// exactly once when the database is back.

let server: TestServer;
let database: Awaited<ReturnType<typeof tcpSwitch>>;
let browser: Browser;

const rowsFor = (submissionId: string) =>
  withPg(
    async (c) =>
      (
        await c.query(`SELECT count(*)::int AS n FROM "Report" WHERE "submissionId" = $1`, [
          submissionId,
        ])
      ).rows[0].n as number,
  );

beforeAll(async () => {
  const real = new URL(process.env.DATABASE_URL!);
  database = await tcpSwitch({ host: real.hostname, port: Number(real.port) });
  await database.down();
  const relayed = new URL(real);
  relayed.port = String(database.port);
  // Started while the database is down: start-up must not need it.
  server = await startNextServer("http-database-down", { DATABASE_URL: relayed.toString() });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.down();
});

describe("PostgreSQL unavailable", () => {
  it("the server starts and serves the help pages, and health says it is down", async () => {
    for (const path of ["", "/report", "/safety", "/no-traces"]) {
      expect(
        (await fetch(`${server.url}/uk${path}`, { headers: { "User-Agent": testUserAgent } }))
          .status,
        `/uk${path}`,
      ).toBe(200);
    }
    const help = await fetch(`${server.url}/uk/help`, { headers: { "User-Agent": testUserAgent } });
    expect(help.status).toBe(200);
    const html = await help.text();
    for (const number of ["tel:113", "tel:0801200", "tel:+38613005960"])
      expect(html).toContain(number);
    // Health says only up or down to anyone not signed in as an administrator.
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: "unavailable" });
  });

  for (const javaScriptEnabled of [false, true]) {
    it(`a report sent meanwhile stays on the page and is stored once when the database is back (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      await database.down();
      const m = messages.uk.ReportForm;
      const context = await browser.newContext({
        javaScriptEnabled,
        userAgent: testUserAgent,
        baseURL: server.url,
      });
      const page = await context.newPage();
      await page.goto("/uk/report");
      if (javaScriptEnabled)
        await page.locator("form[data-enhanced]").waitFor({ state: "attached" });
      await fillReport(page, sampleAnswers);
      await page.locator("#contactChoice-contact").check();
      await page.locator("#contact").fill("Telegram @ne_moye_imya");
      const submissionId = await page.locator('input[name="submissionId"]').inputValue();

      await page.getByRole("button", { name: m.submit }).click();
      await page.getByText(m.failed).waitFor();
      // Everything typed is still there, under the same one-time id; nothing was written.
      expect(await page.locator("#description").inputValue()).toBe(sampleAnswers.description);
      expect(await page.locator("#placeDetails").inputValue()).toBe(sampleAnswers.placeDetails);
      expect(await page.locator("#contact").inputValue()).toBe("Telegram @ne_moye_imya");
      expect(await page.locator("#region").inputValue()).toBe(sampleAnswers.region);
      for (const form of sampleAnswers.forms)
        expect(await page.locator(`#forms-${form}`).isChecked()).toBe(true);
      expect(await page.locator("#minors-yes").isChecked()).toBe(true);
      expect(await page.locator('input[name="submissionId"]').inputValue()).toBe(submissionId);

      await database.up();
      expect(await rowsFor(submissionId)).toBe(0);
      await page.getByRole("button", { name: m.submit }).click();
      await page.getByTestId("receipt-code").waitFor();
      expect(await rowsFor(submissionId)).toBe(1);
      await context.close();
    });
  }

  it("health recovers with the database", async () => {
    await database.up();
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    // Up, and nothing else: the mail backlog is for administrators (tests/http/health.test.ts).
    expect(await health.json()).toEqual({ status: "ok" });
  });
});
