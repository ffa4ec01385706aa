import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { PreparedFile } from "@/lib/attachments/prepare";
import { getAttachmentForStaff } from "@/lib/attachments/store";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { decryptText } from "@/lib/crypto/encryption";
import { db } from "@/lib/db";
import { routeReport } from "@/lib/referrals/route-report";
import { changeStatus } from "@/lib/reports/change-status";
import { createReport } from "@/lib/reports/create-report";
import { getReportForStaff } from "@/lib/reports/get-report";
import { sealLegacyReports } from "@/lib/reports/seal-legacy";
import { reportSchema } from "@/lib/validation/report";
import { resetDatabase } from "../support/database";
import { seedOrganizationIds, staffUser } from "../support/case-data";
import { makeLegacy } from "../support/legacy-reports";
import { organizationKeyFor, triageKeys } from "../support/test-keys";

// `npm run keys:seal-legacy` on a database holding reports in the format of before sealed
// reports: every value reads after the move with the organisations' keys, none with the server's
// key alone; a report routed to an organisation without keys waits, and a second run finishes.

let org: Record<string, string>;

async function legacyReport(text: string, routeTo: string[], close?: string) {
  const file: PreparedFile = {
    fileName: `${text}.png`,
    mediaType: "image/png",
    bytes: Buffer.from(`\x89PNG ${text}`, "latin1"),
    metadataRemoved: true,
  };
  const data = reportSchema.parse({
    forms: ["labour"],
    region: "unknown",
    whenPeriod: "unknown",
    peopleCount: "one",
    minors: "no",
    immediateDanger: "no",
    reporterRole: "witness",
    description: `${text} description`,
    contactChoice: "contact",
    contact: `${text} contact`,
  });
  const created = await createReport({
    data,
    locale: "sl",
    submissionId: randomUUID(),
    files: [file],
  });
  if (created.status !== "created") throw new Error(created.status);
  const officerId = (await staffUser("TRIAGE")).id;
  if (routeTo.length)
    await routeReport({
      reportId: created.reportId,
      organizationIds: routeTo.map((slug) => org[slug]!),
      note: `${text} note`,
      officerId,
      keys: await triageKeys(),
    });
  if (close)
    await changeStatus({
      reportIds: [created.reportId],
      to: "CLOSED",
      reason: close,
      officerId,
      keys: await triageKeys(),
    });
  await makeLegacy(created.reportId);
  return created.reportId;
}

beforeEach(async () => {
  await resetDatabase();
  org = await seedOrganizationIds();
});
afterAll(() => db.$disconnect());

describe("moving legacy reports to sealed reports", () => {
  it("seals every report to the police and its organisations, resumably; the server key alone then reads none", async () => {
    const routed = await legacyReport("routed", ["kljuc"]);
    const closed = await legacyReport("closed", [], "closed reason");
    const waiting = await legacyReport("waiting", ["filantropija"]);
    // Filantropija has no keys (yet) when the move runs.
    await db.organizationKey.deleteMany({ where: { organizationId: org.filantropija! } });
    expect(await db.reportKey.count()).toBe(0);
    // Legacy values read with the server key, as before.
    const before = await db.report.findUniqueOrThrow({
      where: { id: routed },
      select: { description: true },
    });
    expect(decryptText(before.description, rowAad("Report", "description", routed))).toBe(
      "routed description",
    );

    const first = await sealLegacyReports();
    expect(first).toEqual({ sealed: 2, remaining: 1, waitingFor: ["filantropija"] });
    // Again: nothing more to do until Filantropija has keys; nothing is sealed twice.
    expect(await sealLegacyReports()).toEqual({
      sealed: 0,
      remaining: 1,
      waitingFor: ["filantropija"],
    });
    await organizationKeyFor("filantropija");
    expect(await sealLegacyReports()).toEqual({ sealed: 1, remaining: 0, waitingFor: [] });

    for (const reportId of [routed, closed, waiting]) {
      const row = await db.report.findUniqueOrThrow({
        where: { id: reportId },
        select: { description: true, contact: true, closeReason: true },
      });
      for (const [column, value] of Object.entries(row))
        if (value !== null)
          expect(() =>
            decryptText(
              value,
              rowAad("Report", column as "description" | "contact" | "closeReason", reportId),
            ),
          ).toThrow();
      expect(await db.attachment.count({ where: { reportId, keyId: { not: "report" } } })).toBe(0);
    }

    const officer = await staffUser("TRIAGE");
    const police = await triageKeys();
    const closedReport = await getReportForStaff(closed, officer, police);
    expect(closedReport?.description).toBe("closed description");
    expect(closedReport?.contact).toBe("closed contact");
    expect(closedReport?.closeReason).toBe("closed reason");

    const kljuc = await staffUser("ORG_STAFF", { organization: "kljuc" });
    const routedReport = await getReportForStaff(routed, kljuc, [
      await organizationKeyFor("kljuc"),
    ]);
    expect(routedReport?.description).toBe("routed description");
    expect(routedReport?.referrals[0]?.note).toBe("routed note");
    const file = await getAttachmentForStaff(routedReport!.attachments[0]!.id, kljuc, {
      keys: [await organizationKeyFor("kljuc")],
    });
    if (!file || file.sealed) throw new Error("file did not open");
    expect(file.fileName).toBe("routed.png");
    expect(file.bytes.toString("latin1")).toBe("\x89PNG routed");

    const filantropija = await staffUser("ORG_STAFF", { organization: "filantropija" });
    expect(
      (await getReportForStaff(waiting, filantropija, [await organizationKeyFor("filantropija")]))
        ?.description,
    ).toBe("waiting description");
    // Ključ's key opens only what was routed to Ključ.
    expect(
      (await getReportForStaff(routed, officer, [await organizationKeyFor("caritas")]))?.sealed,
    ).toBe(true);
  });
});
