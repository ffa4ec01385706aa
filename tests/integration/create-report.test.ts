import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { decryptText } from "@/lib/crypto/encryption";
import { db } from "@/lib/db";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { createReport } from "@/lib/reports/create-report";
import { hashReceipt } from "@/lib/reports/receipt";
import { reportSchema } from "@/lib/validation/report";
import { resetDatabase, withPg } from "../support/database";
import { openReporting, triageKeys } from "../support/test-keys";
import { openContentKey } from "@/lib/reports/report-keys";

const data = reportSchema.parse({
  forms: ["sexual"],
  indicators: ["documentsTaken", "threatsViolence"],
  region: "obalnoKraska",
  placeDetails: "Apartment above the bar in the old town",
  whenPeriod: "ongoing",
  peopleCount: "twoToFive",
  minors: "unknown",
  immediateDanger: "yes",
  reporterRole: "relative",
  description:
    "My cousin was promised a job in a shop and now she is not allowed to leave the flat.",
  contactChoice: "contact",
  contact: "Signal +386 40 111 222",
});

beforeEach(async () => {
  await resetDatabase();
  // Sealed reports: the form is open once the police have keys.
  await openReporting();
});
afterAll(() => db.$disconnect());

describe("createReport", () => {
  it("stores exactly one report with its urgency, route and reasons", async () => {
    const result = await createReport({ data, locale: "en", submissionId: randomUUID() });
    expect(result.status).toBe("created");
    if (result.status !== "created") return;

    const reports = await db.report.findMany();
    expect(reports).toHaveLength(1);
    const report = reports[0]!;
    expect(report).toMatchObject({
      id: result.reportId,
      status: "NEW",
      locale: "en",
      urgency: "CRITICAL",
      minors: "UNKNOWN",
      immediateDanger: "YES",
      forms: ["sexual"],
    });
    expect(report.urgencyReasons).toEqual([
      "immediateDanger",
      "threatsViolence",
      "ongoingControl",
      "controlOfPerson",
      "ongoing",
    ]);
    expect(report.suggestedRoute).toEqual(["police", "kljuc"]);
    expect(report.routeReasons).toContain("police.urgent");
    expect(report.routeReasons).toContain("kljuc.sexualExploitation");
  });

  it("keeps the free text and contact encrypted, and only a hash of the receipt", async () => {
    const result = await createReport({ data, locale: "uk", submissionId: randomUUID() });
    if (result.status !== "created") throw new Error("not created");

    const row = await withPg(
      async (client) => (await client.query('SELECT * FROM "Report"')).rows[0],
    );
    const everything = JSON.stringify(row);
    expect(everything).not.toContain("promised a job");
    expect(everything).not.toContain("Signal");
    expect(everything).not.toContain("Apartment");
    expect(everything).not.toContain(result.receipt);
    expect(row.receiptHash).toBe(hashReceipt(result.receipt));
    // Sealed: the server's keys alone do not open it; the police's key does.
    expect(() =>
      decryptText(row.description, rowAad("Report", "description", result.reportId)),
    ).toThrow();
    const contentKey = await openContentKey(result.reportId, await triageKeys());
    expect(
      decryptText(row.description, rowAad("Report", "description", result.reportId), contentKey!),
    ).toBe(data.description);
    expect(
      decryptText(row.contact, rowAad("Report", "contact", result.reportId), contentKey!),
    ).toBe("Signal +386 40 111 222");
  });

  it("has no place for an IP address or user agent, in the report or its audit trail", async () => {
    await createReport({ data, locale: "sl", submissionId: randomUUID() });
    const columns = await withPg(
      async (client) =>
        (
          await client.query(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'",
          )
        ).rows,
    );
    const suspicious = columns
      .filter((c) => c.table_name !== "Session")
      .filter((c) =>
        /^ip|Ip$|Ip[A-Z_]|_ip$|[aA]ddress|[aA]gent|[fF]ingerprint|[rR]emote|[hH]ost/.test(
          c.column_name,
        ),
      );
    expect(suspicious).toEqual([]);

    const audit = await db.auditEvent.findMany();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorKind: "REPORTER",
      action: "report.submitted",
      actorId: null,
    });
    expect(JSON.stringify(audit[0]!.detail)).toBe(JSON.stringify({ urgency: "CRITICAL" }));
  });

  it("stores a resubmitted form once", async () => {
    const submissionId = randomUUID();
    const first = await createReport({ data, locale: "sl", submissionId });
    const second = await createReport({ data, locale: "sl", submissionId });
    expect(first.status).toBe("created");
    expect(second).toEqual({ status: "duplicate" });
    expect(await db.report.count()).toBe(1);
    expect(await db.auditEvent.count()).toBe(1);
  });

  it("numbers reports in order for the staff reference", async () => {
    await createReport({ data, locale: "sl", submissionId: randomUUID() });
    await createReport({ data, locale: "sl", submissionId: randomUUID() });
    const numbers = (
      await db.report.findMany({ orderBy: { number: "asc" }, select: { number: true } })
    ).map((r) => r.number);
    expect(numbers).toEqual([1, 2]);
  });
});
