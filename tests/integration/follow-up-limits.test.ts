import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { idle } from "@/lib/actions/form-state";
import { db } from "@/lib/db";
import { createReport } from "@/lib/reports/create-report";
import { formatReceipt } from "@/lib/reports/receipt";
import { seedOrganizations } from "@/prisma/seed";
import { resetDatabase, withPg } from "../support/database";
import { selfReportData } from "../support/case-data";
import { formData } from "../support/form-data";
import { stateOrRedirect } from "../support/next-navigation";
import { comeFrom, heldSessionCookie, newVisitor } from "../support/reporter-request";
import { makeTestKeys } from "../support/test-keys";

// Receipt entry and replies through their actions, with the limits in the database. The request's
// headers and cookie jar are the parts faked; the rest is real.

vi.mock("next/headers", () => import("../support/reporter-request"));
vi.mock("next-intl/server", () => ({ getLocale: async () => "en" }));
vi.mock("next/navigation", () => import("../support/next-navigation"));

const { enterReceiptAction, replyAction } =
  await import("@/app/[locale]/(public)/follow-up/actions");

const data = selfReportData;

const saved = { ...process.env };
const enter = (receipt: string) => stateOrRedirect(enterReceiptAction(idle, formData({ receipt })));
const reply = (body: string) => stateOrRedirect(replyAction(idle, formData({ body })));
const buckets = () =>
  withPg(
    async (c) =>
      (await c.query('SELECT count(*)::int AS n FROM "RateLimitBucket"')).rows[0].n as number,
  );
const randomCode = () =>
  formatReceipt(Array.from({ length: 25 }, () => Math.floor(Math.random() * 10)).join(""));

async function receipt() {
  const created = await createReport({ data, locale: "en", submissionId: randomUUID() });
  if (created.status !== "created") throw new Error("not created");
  return { receipt: created.receipt, reportId: created.reportId };
}

beforeEach(async () => {
  process.env = { ...saved, RATE_LIMIT_WRONG_RECEIPT_DELAY_MS: "1" };
  newVisitor();
  await resetDatabase();
  // A reply goes to an organisation's thread, the police's by default: the directory must exist.
  await seedOrganizations(db);
  await makeTestKeys();
});
afterAll(async () => {
  process.env = saved;
  await db.$disconnect();
});

describe("receipt entry", () => {
  it("without a client signal, no flood of wrong codes stands between a reporter and their report", async () => {
    process.env.RATE_LIMIT_FOLLOW_UP_PER_HOUR = "2";
    const { receipt: code } = await receipt();
    for (let i = 0; i < 30; i++)
      expect(await enter(randomCode())).toMatchObject({
        fieldErrors: { receipt: expect.stringMatching(/^receipt/) },
      });
    expect(await buckets()).toBe(0);
    expect(await enter(code)).toBe("redirect");
    expect(heldSessionCookie()).toBeTruthy();
  });

  it("behind a trusted proxy, limits each client, and not the others", async () => {
    process.env.TRUST_PROXY = "1";
    process.env.RATE_LIMIT_FOLLOW_UP_PER_HOUR = "3";
    const { receipt: code } = await receipt();
    comeFrom("203.0.113.50");
    for (let i = 0; i < 3; i++)
      expect(await enter(randomCode())).toMatchObject({
        fieldErrors: { receipt: expect.stringMatching(/^receipt/) },
      });
    expect(await enter(code)).toMatchObject({ status: "refused", error: "rateLimited" });
    comeFrom("198.51.100.60");
    expect(await enter(code)).toBe("redirect");
  });
});

describe("replies", () => {
  it("cost nothing without a session, and are limited per report with the text kept", async () => {
    process.env.RATE_LIMIT_REPLIES_PER_HOUR = "2";
    for (let i = 0; i < 20; i++)
      expect(await reply("spam")).toMatchObject({
        status: "refused",
        error: "forbidden",
        values: { body: "spam" },
      });
    expect(await buckets()).toBe(0);

    const { receipt: code, reportId } = await receipt();
    expect(await enter(code)).toBe("redirect");
    expect(await reply("first")).toBe("redirect");
    expect(await reply("second")).toBe("redirect");
    expect(await reply("third")).toMatchObject({
      status: "refused",
      error: "rateLimited",
      values: { body: "third" },
    });
    expect(await db.message.count({ where: { reportId } })).toBe(2);
  });
});
