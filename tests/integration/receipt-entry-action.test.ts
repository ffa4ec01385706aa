import { randomUUID } from "node:crypto";
import { describe, expect, it, vi, beforeEach } from "vitest";
import { idle } from "@/lib/actions/form-state";
import { enterReceiptAction } from "@/app/[locale]/(public)/follow-up/actions";
import { createReport } from "@/lib/reports/create-report";
import { formatReceipt } from "@/lib/reports/receipt";
import { freshDatabaseAndEnvironment } from "../support/fresh-each-test";
import { selfReportData } from "../support/case-data";
import { openReporting } from "../support/test-keys";

// A mistyped receipt is the honest reporter's most common mistake: it is answered before any
// limit, so it spends no allowance, and the code comes back. Receipt entry has no count shared by
// everyone; the allowance spent here is the client's own, which exists behind a trusted proxy.

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "203.0.113.77" }),
}));

const enter = (receipt: string) => {
  const data = new FormData();
  data.append("receipt", receipt);
  return enterReceiptAction(idle, data);
};

freshDatabaseAndEnvironment();
// Sealed reports: the form is open once the police have keys.
beforeEach(openReporting);

describe("entering a receipt", () => {
  it("answers a typo before the limit, with the code and the group to look at", async () => {
    process.env.TRUST_PROXY = "1";
    process.env.RATE_LIMIT_FOLLOW_UP_PER_HOUR = "1";
    const data = selfReportData;
    const created = await createReport({ data, locale: "en", submissionId: randomUUID() });
    if (created.status !== "created") throw new Error("not created");
    const groups = formatReceipt(created.receipt).split(" ");
    const digit = groups[3]![0]!;
    groups[3] = `${(Number(digit) + 5) % 10}${groups[3]!.slice(1)}`;
    const typo = groups.join(" ");

    // Ten typos in a row: every one is pointed out, none is turned away by the limit of one.
    for (let i = 0; i < 10; i++) {
      expect(await enter(typo)).toEqual({
        status: "refused",
        error: "invalid",
        fieldErrors: { receipt: "receiptGroups" },
        values: { receipt: typo },
        badGroups: [4],
        digitCount: undefined,
      });
    }
    expect(await enter("123 456")).toMatchObject({
      fieldErrors: { receipt: "receiptLength" },
      digitCount: 6,
      values: { receipt: "123 456" },
    });
    expect(await enter("my code")).toMatchObject({
      fieldErrors: { receipt: "receiptNotDigits" },
      values: { receipt: "my code" },
    });

    // A well-formed code that opens nothing spends the one attempt; the next is turned away,
    // still with what was typed.
    const legacy = "00000 00000 00000 00000 00001";
    expect(await enter(legacy)).toEqual({
      status: "refused",
      error: "notFound",
      fieldErrors: { receipt: "receiptWrong" },
      values: { receipt: legacy },
    });
    expect(await enter(legacy)).toMatchObject({
      status: "refused",
      error: "rateLimited",
      values: { receipt: legacy },
    });
  });
});
