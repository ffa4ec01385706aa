import { randomUUID } from "node:crypto";
import { describe, expect, it, beforeEach } from "vitest";
import { submitReportAction } from "@/app/[locale]/(public)/report/actions";
import { honeypotField, type ReportFormState } from "@/app/[locale]/(public)/report/state";
import { db } from "@/lib/db";
import { freshDatabaseAndEnvironment } from "../support/fresh-each-test";
import { withPg } from "../support/database";
import { formData, postedAnswers } from "../support/form-data";
import { openReporting } from "../support/test-keys";

// The limits live in the database (emptied before each test); each test uses fresh forms and
// raises or lowers the limits through the environment, as an operator would.

function form(
  submissionId: string,
  description = "Delavci na kmetiji nimajo svojih dokumentov in ne smejo oditi.",
): FormData {
  return formData({
    ...postedAnswers,
    indicators: "documentsTaken",
    submissionId,
    locale: "sl",
    description,
    contactChoice: "contact",
    contact: "Signal: ask for Ana",
  });
}

const submit = (data: FormData) =>
  submitReportAction({ status: "idle", submissionId: "ignored" } as ReportFormState, data);

freshDatabaseAndEnvironment();
// Sealed reports: the form is open once the police have keys.
beforeEach(openReporting);

const buckets = () =>
  withPg(
    async (c) =>
      (await c.query('SELECT count(*)::int AS n FROM "RateLimitBucket"')).rows[0].n as number,
  );

function honeypot(submissionId: string): FormData {
  const data = form(submissionId);
  data.append(honeypotField, "https://spam.example/");
  return data;
}

describe("rate limits on the report action", () => {
  it("charge nothing for invalid, honeypot and duplicate posts: after junk, a valid report is stored", async () => {
    // About three reports' worth of text a day, and two posts per form.
    process.env.RATE_LIMIT_STORED_KB_PER_HOUR = "6";
    process.env.RATE_LIMIT_SUBMISSIONS_PER_HOUR = "2";
    const stored = await submit(form(randomUUID()));
    expect(stored.status).toBe("done");
    const junkForm = randomUUID();
    for (let i = 0; i < 10; i++)
      expect(await submit(form(junkForm, "short"))).toMatchObject({
        status: "refused",
        error: "invalid",
      });
    for (let i = 0; i < 10; i++) expect((await submit(honeypot(randomUUID()))).status).toBe("done");
    for (let i = 0; i < 10; i++)
      expect(await submit(form(stored.submissionId))).toMatchObject({
        status: "refused",
        error: "conflict",
      });
    // Junk created no bucket: only the first report's (its form and the shared budget) exist.
    expect(await buckets()).toBe(2);
    // The form that was sent back ten times is still welcome, and so is another one.
    expect((await submit(form(junkForm))).status).toBe("done");
    expect((await submit(form(randomUUID()))).status).toBe("done");
    expect(await db.report.count()).toBe(3);
  });

  it("bound the bytes stored for everyone together; a report turned away keeps everything typed, its id, and stores nothing", async () => {
    process.env.RATE_LIMIT_STORED_KB_PER_HOUR = "6";
    const states = [];
    for (let i = 0; i < 4; i++) states.push(await submit(form(randomUUID())));
    expect(
      states.map((state) => (state.status === "refused" ? state.error : state.status)),
    ).toEqual(["done", "done", "done", "rateLimited"]);
    const submissionId = randomUUID();
    const refused = await submit(form(submissionId));
    expect(refused).toEqual({
      status: "refused",
      error: "rateLimited",
      fieldErrors: {},
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
    expect(await db.report.count()).toBe(3);
    // A form sent back for a missing answer is still answered (it costs nothing).
    expect(await submit(form(randomUUID(), "short"))).toMatchObject({
      status: "refused",
      error: "invalid",
    });
  });

  it("let the same numbers through when the limits are raised (as the test environment does)", async () => {
    process.env.RATE_LIMIT_STORED_KB_PER_HOUR = "100000";
    process.env.RATE_LIMIT_SUBMISSIONS_PER_HOUR = "100000";
    for (let i = 0; i < 10; i++) expect((await submit(form(randomUUID()))).status).toBe("done");
    expect(await db.report.count()).toBe(10);
  });

  it("fail as with the database down when the limiter's table cannot be used: everything typed kept, nothing stored", async () => {
    await withPg((c) => c.query('ALTER TABLE "RateLimitBucket" RENAME TO "RateLimitBucketAway"'));
    try {
      const submissionId = randomUUID();
      expect(await submit(form(submissionId))).toMatchObject({
        status: "refused",
        error: "failed",
        submissionId,
        values: expect.objectContaining({ contact: "Signal: ask for Ana" }),
      });
      expect(await db.report.count()).toBe(0);
    } finally {
      await withPg((c) => c.query('ALTER TABLE "RateLimitBucketAway" RENAME TO "RateLimitBucket"'));
    }
    expect((await submit(form(randomUUID()))).status).toBe("done");
  });
});

describe("the report action with a forged caller", () => {
  it("never reads the previous state a client posts back", async () => {
    process.env.RATE_LIMIT_STORED_KB_PER_HOUR = "100000";
    const submissionId = randomUUID();
    const state = await submitReportAction(null as unknown as ReportFormState, form(submissionId));
    expect(state).toMatchObject({ status: "done", submissionId });
  });

  it("answers arguments that are not a form with the failure state instead of throwing", async () => {
    process.env.RATE_LIMIT_STORED_KB_PER_HOUR = "100000";
    for (const junk of [undefined, null, 42, "text", { get: () => "x" }, [1, 2]]) {
      const state = await submitReportAction(
        { status: "idle", submissionId: randomUUID() },
        junk as unknown as FormData,
      );
      expect(state).toMatchObject({ status: "refused", error: "failed", values: {} });
    }
    expect(await db.report.count()).toBe(0);
  });
});
