import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sl from "@/messages/sl.json";
import { startNextServer, type TestServer } from "../support/next-server";
import {
  actionFields,
  answers,
  postActionCall,
  postForm,
  receiptIn,
  scrapeForm,
} from "../support/report-post";
import { receiptHashOf, storedReports } from "../support/stored-reports";

// 2,000 submissions at concurrency 16 on loopback, half as no-JavaScript form posts and half as
// the action call a browser with JavaScript makes, one in ten sent twice at the same moment (a
// double tap, a retry racing the first try): no 5xx, every receipt shown has exactly one row, and
// no form is stored twice.

const total = Number(process.env.LOAD_SUBMISSIONS ?? 2_000);
const concurrency = 16;

let server: TestServer;
beforeAll(async () => {
  server = await startNextServer("http-load");
}, 90_000);
afterAll(() => server?.stop());

describe("2,000 submissions at concurrency 16", () => {
  it("store each form exactly once", async () => {
    const form = await scrapeForm(server.url, "/sl/report");
    const forms = Array.from({ length: total }, (_, i) => ({
      submissionId: randomUUID(),
      twice: i % 10 === 0,
      javaScript: i % 2 === 1,
    }));
    const jobs = forms.flatMap((form) => (form.twice ? [form, form] : [form]));
    const results: {
      submissionId: string;
      status: number;
      receipt: string | null;
      duplicate: boolean;
    }[] = [];

    let next = 0;
    const began = Date.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < jobs.length) {
          const { submissionId, javaScript } = jobs[next++]!;
          const parts = [
            ...actionFields(form.hidden, submissionId).map(([name, value]) => ({ name, value })),
            { name: "submissionId", value: submissionId },
            { name: "locale", value: "sl" },
            ...answers(),
          ];
          const response = javaScript
            ? await postActionCall(
                server.url,
                "/sl/report",
                form,
                parts,
                JSON.stringify([{ status: "idle", submissionId }, "$K1"]),
              )
            : await postForm(server.url, "/sl/report", parts);
          results.push({
            submissionId,
            status: response.status,
            receipt: receiptIn(response.html),
            duplicate: javaScript
              ? response.html.includes('"status":"refused","error":"conflict"')
              : response.html.includes(sl.ReportForm.duplicate),
          });
        }
      }),
    );
    const seconds = (Date.now() - began) / 1000;
    console.log(
      `load: ${jobs.length} posts in ${seconds.toFixed(1)} s (${(jobs.length / seconds).toFixed(0)}/s)`,
    );

    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    expect(results.every((r) => r.status === 200)).toBe(true);
    // Every post either stored its report (a receipt) or was told it was already received.
    expect(results.filter((r) => !r.receipt && !r.duplicate)).toEqual([]);

    const stored = await storedReports(`"submissionId" = ANY($1::uuid[])`, [
      forms.map((f) => f.submissionId),
    ]);
    const bySubmission = new Map<string, number>();
    for (const report of stored)
      bySubmission.set(report.submissionId, (bySubmission.get(report.submissionId) ?? 0) + 1);
    // One row per form, twice-sent ones included, and never two.
    expect(stored).toHaveLength(total);
    expect([...bySubmission.values()].every((count) => count === 1)).toBe(true);

    const hashes = new Map(
      stored.map((report) => [report.receiptHash.trim(), report.submissionId]),
    );
    const receipts = results.filter((r) => r.receipt);
    expect(receipts).toHaveLength(total);
    for (const result of receipts)
      expect(hashes.get(receiptHashOf(result.receipt!))).toBe(result.submissionId);
    for (const form of forms.filter((f) => f.twice)) {
      expect(results.filter((r) => r.submissionId === form.submissionId && r.receipt)).toHaveLength(
        1,
      );
    }
  }, 600_000);
});
