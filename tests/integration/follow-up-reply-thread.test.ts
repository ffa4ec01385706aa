import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { idle } from "@/lib/actions/form-state";
import { db } from "@/lib/db";
import { createReport } from "@/lib/reports/create-report";
import { seedOrganizations } from "@/prisma/seed";
import { resetDatabase } from "../support/database";
import { createStaff } from "../support/staff";
import { organizationId, selfReportData } from "../support/case-data";
import { formData } from "../support/form-data";
import { stateOrRedirect } from "../support/next-navigation";
import { newVisitor } from "../support/reporter-request";
import { makeTestKeys, triageKeys } from "../support/test-keys";

// The reporter's reply action with the conversation named in the form: the session decides the
// report, the form only which of its conversations; one it does not have is refused, text kept.

vi.mock("next/headers", () => import("../support/reporter-request"));
vi.mock("next-intl/server", () => ({ getLocale: async () => "en" }));
vi.mock("next/navigation", () => import("../support/next-navigation"));

const { enterReceiptAction, replyAction } =
  await import("@/app/[locale]/(public)/follow-up/actions");
const { routeReport } = await import("@/lib/referrals/route-report");

const data = selfReportData;

const reply = (entries: Record<string, string>) =>
  stateOrRedirect(replyAction(idle, formData(entries)));
const orgId = organizationId;
const threadsOf = async (reportId: string) =>
  (
    await db.message.findMany({
      where: { reportId, fromReporter: true },
      select: { organization: { select: { slug: true } } },
    })
  ).map((m) => m.organization?.slug);

/** A report routed to Ključ, and a reporter signed in to it. */
async function routedReport() {
  const created = await createReport({ data, locale: "en", submissionId: randomUUID() });
  if (created.status !== "created") throw new Error("not created");
  const triage = await createStaff("TRIAGE");
  await routeReport({
    reportId: created.reportId,
    organizationIds: [await orgId("kljuc")],
    keys: await triageKeys(),
    officerId: triage.userId,
  });
  expect(
    await stateOrRedirect(enterReceiptAction(idle, formData({ receipt: created.receipt }))),
  ).toBe("redirect");
  return created.reportId;
}

beforeEach(async () => {
  newVisitor();
  await resetDatabase();
  await seedOrganizations(db);
  await makeTestKeys();
});
afterAll(async () => {
  await db.$disconnect();
});

describe("a reply to one organisation's conversation", () => {
  it("goes to the organisation named, or to the police's when none is", async () => {
    const reportId = await routedReport();
    expect(await reply({ body: "To Ključ.", organizationId: await orgId("kljuc") })).toBe(
      "redirect",
    );
    expect(await reply({ body: "To the police." })).toBe("redirect");
    expect((await threadsOf(reportId)).sort()).toEqual(["kljuc", "police"]);
  });

  it("is refused, with the text kept and nothing written, for an organisation the report was not routed to", async () => {
    const reportId = await routedReport();
    for (const organizationId of [await orgId("caritas"), randomUUID()])
      expect(await reply({ body: "Is anyone there?", organizationId })).toEqual(
        expect.objectContaining({
          status: "refused",
          error: "notFound",
          values: { body: "Is anyone there?" },
        }),
      );
    expect(await reply({ body: "Junk id.", organizationId: "not-a-uuid" })).toEqual(
      expect.objectContaining({
        status: "refused",
        error: "invalid",
        values: { body: "Junk id." },
      }),
    );
    expect(await threadsOf(reportId)).toEqual([]);
  });
});
