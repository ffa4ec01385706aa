import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { submitReportAction } from "@/app/[locale]/(public)/report/actions";
import { honeypotField } from "@/app/[locale]/(public)/report/state";
import { db } from "@/lib/db";
import { receiptMatches } from "@/lib/reports/receipt";
import { resetDatabase, withPg } from "../support/database";
import { formData as form } from "../support/form-data";
import { openReporting } from "../support/test-keys";

const answers = {
  locale: "sl",
  forms: ["labour", "notSure"],
  indicators: ["littleOrNoPay"],
  region: "posavska",
  whenPeriod: "pastMonth",
  peopleCount: "sixOrMore",
  minors: "no",
  immediateDanger: "no",
  reporterRole: "professional",
  description: "Delavci na gradbišču že tri mesece niso dobili plače, šef jim je vzel potne liste.",
  contactChoice: "anonymous",
};

beforeEach(async () => {
  await resetDatabase();
  // Sealed reports: the form is open once the police have keys.
  await openReporting();
});
afterAll(() => db.$disconnect());

describe("submitReportAction", () => {
  it("stores a valid report and returns a receipt that matches it", async () => {
    const submissionId = randomUUID();
    const state = await submitReportAction(
      { status: "idle", submissionId },
      form({ ...answers, submissionId }),
    );
    expect(state.status).toBe("done");
    if (state.status !== "done") return;
    expect(state.data.receipt).toMatch(/^\d{6}( \d{6}){4}$/);
    expect(state.data.immediateDanger).toBe(false);
    const hash = await withPg(
      async (c) => (await c.query('SELECT "receiptHash", locale FROM "Report"')).rows,
    );
    expect(hash).toHaveLength(1);
    expect(hash[0].locale).toBe("sl");
    expect(receiptMatches(state.data.receipt, hash[0].receiptHash.trim())).toBe(true);
  });

  it("returns localized error keys and everything typed when the input is invalid", async () => {
    const submissionId = randomUUID();
    const { region: _omitted, ...incomplete } = answers;
    const state = await submitReportAction(
      { status: "idle", submissionId },
      form({ ...incomplete, submissionId, description: "kratko" }),
    );
    expect(state).toMatchObject({
      status: "refused",
      error: "invalid",
      fieldErrors: { region: "region.required", description: "description.tooShort" },
      values: { description: "kratko", forms: ["labour", "notSure"], peopleCount: "sixOrMore" },
    });
    expect(await db.report.count()).toBe(0);
  });

  it("drops a submission whose honeypot is filled, while looking like a success", async () => {
    const submissionId = randomUUID();
    const state = await submitReportAction(
      { status: "idle", submissionId },
      form({ ...answers, submissionId, [honeypotField]: "http://spam.example" }),
    );
    expect(state.status).toBe("done");
    expect(await db.report.count()).toBe(0);
  });

  it("answers a resent form without storing it twice", async () => {
    const submissionId = randomUUID();
    const data = form({ ...answers, submissionId });
    expect((await submitReportAction({ status: "idle", submissionId }, data)).status).toBe("done");
    expect(await submitReportAction({ status: "idle", submissionId }, data)).toEqual({
      status: "refused",
      error: "conflict",
      fieldErrors: {},
      values: {},
      submissionId,
      files: { kept: [], keepOriginal: false },
    });
    expect(await db.report.count()).toBe(1);
  });

  it("ignores fields a hostile client adds", async () => {
    const submissionId = randomUUID();
    await submitReportAction(
      { status: "idle", submissionId },
      form({
        ...answers,
        submissionId,
        status: "CLOSED",
        urgency: "LOW",
        immediateDanger: "yes",
        number: "999",
      }),
    );
    const report = await db.report.findFirstOrThrow();
    expect(report.status).toBe("NEW");
    expect(report.urgency).toBe("CRITICAL");
    expect(report.number).toBe(1);
  });
});
