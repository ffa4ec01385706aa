import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { submitReportAction } from "@/app/[locale]/(public)/report/actions";
import type { ReportFormState } from "@/components/report/report-form-state";
import { db } from "@/lib/db";
import { resetDatabase } from "../support/database";

// The limiter is one per process, as in the server; each test uses fresh forms and raises or
// lowers the limits through the environment, as an operator would.

const saved = { ...process.env };

function form(submissionId: string, description = "Delavci na kmetiji nimajo svojih dokumentov in ne smejo oditi."): FormData {
  const data = new FormData();
  const fields: Record<string, string> = {
    submissionId,
    locale: "sl",
    region: "podravska",
    whenPeriod: "pastWeek",
    peopleCount: "twoToFive",
    minors: "no",
    immediateDanger: "no",
    reporterRole: "witness",
    description,
    contactChoice: "contact",
    contact: "Signal: ask for Ana",
  };
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  data.append("forms", "labour");
  data.append("indicators", "documentsTaken");
  return data;
}

const submit = (data: FormData) => submitReportAction({ status: "idle", submissionId: "ignored" } as ReportFormState, data);

beforeEach(async () => {
  process.env = { ...saved };
  await resetDatabase();
});
afterAll(async () => {
  process.env = saved;
  await db.$disconnect();
});

describe("rate limits on the report action", () => {
  it("turn away a form sent too often, keep everything typed, store nothing, and keep its id", async () => {
    process.env.RATE_LIMIT_SUBMISSIONS_PER_HOUR = "2";
    const submissionId = randomUUID();
    // Two attempts that fail validation still count: the limit comes before parsing.
    expect((await submit(form(submissionId, "short"))).status).toBe("invalid");
    expect((await submit(form(submissionId, "short"))).status).toBe("invalid");
    const refused = await submit(form(submissionId));
    expect(refused).toEqual({
      status: "error",
      reason: "rateLimited",
      submissionId,
      values: expect.objectContaining({
        description: "Delavci na kmetiji nimajo svojih dokumentov in ne smejo oditi.",
        contact: "Signal: ask for Ana",
        forms: ["labour"],
        indicators: ["documentsTaken"],
        region: "podravska",
      }),
      files: { kept: [], keepOriginal: false, notKept: false },
    });
    expect(await db.report.count()).toBe(0);
    // Another form is not affected.
    expect((await submit(form(randomUUID()))).status).toBe("success");
    expect(await db.report.count()).toBe(1);
  });

  it("cap all submissions together, so a flood cannot fill the database", async () => {
    process.env.RATE_LIMIT_GLOBAL_SUBMISSIONS_PER_HOUR = "3";
    const states = [];
    for (let i = 0; i < 5; i++) states.push(await submit(form(randomUUID())));
    expect(states.map((state) => (state.status === "error" ? state.reason : state.status))).toEqual([
      "success",
      "success",
      "success",
      "rateLimited",
      "rateLimited",
    ]);
    expect(await db.report.count()).toBe(3);
  });

  it("let the same numbers through when the limits are raised (as the test environment does)", async () => {
    process.env.RATE_LIMIT_GLOBAL_SUBMISSIONS_PER_HOUR = "100000";
    process.env.RATE_LIMIT_SUBMISSIONS_PER_HOUR = "100000";
    for (let i = 0; i < 10; i++) expect((await submit(form(randomUUID()))).status).toBe("success");
    expect(await db.report.count()).toBe(10);
  });
});

describe("the report action with a forged caller", () => {
  it("never reads the previous state a client posts back", async () => {
    process.env.RATE_LIMIT_GLOBAL_SUBMISSIONS_PER_HOUR = "100000";
    const submissionId = randomUUID();
    const state = await submitReportAction(null as unknown as ReportFormState, form(submissionId));
    expect(state).toMatchObject({ status: "success", submissionId });
  });

  it("answers arguments that are not a form with the failure state instead of throwing", async () => {
    process.env.RATE_LIMIT_GLOBAL_SUBMISSIONS_PER_HOUR = "100000";
    for (const junk of [undefined, null, 42, "text", { get: () => "x" }, [1, 2]]) {
      const state = await submitReportAction({ status: "idle", submissionId: randomUUID() }, junk as unknown as FormData);
      expect(state).toMatchObject({ status: "error", reason: "failed", values: {} });
    }
    expect(await db.report.count()).toBe(0);
  });
});
