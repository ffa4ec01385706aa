import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { idle } from "@/lib/actions/form-state";
import { db } from "@/lib/db";
import { createReport } from "@/lib/reports/create-report";
import { reportSchema } from "@/lib/validation/report";
import { seedOrganizations } from "@/prisma/seed";
import { resetDatabase } from "../support/database";
import { createStaff } from "../support/staff";

// The reporter's reply action with the conversation named in the form: the session decides the
// report, the form only which of its conversations; one it does not have is refused, text kept.

let cookie: string | undefined;
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({
    get: () => (cookie ? { value: cookie } : undefined),
    set: (_name: string, value: string) => {
      cookie = value;
    },
    delete: () => {
      cookie = undefined;
    },
  }),
}));
vi.mock("next-intl/server", () => ({ getLocale: async () => "en" }));
vi.mock("next/navigation", () => import("../support/next-navigation"));

const { enterReceiptAction, replyAction } =
  await import("@/app/[locale]/(public)/follow-up/actions");
const { routeReport } = await import("@/lib/referrals/route-report");

const data = reportSchema.parse({
  forms: ["labour"],
  region: "savinjska",
  whenPeriod: "pastMonth",
  peopleCount: "one",
  minors: "no",
  immediateDanger: "no",
  reporterRole: "self",
  description: "I work without pay at a restaurant in Celje.",
});

const fields = (entries: Record<string, string>) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(entries)) form.append(name, value);
  return form;
};
async function outcome(call: Promise<unknown>): Promise<unknown> {
  try {
    return await call;
  } catch (error) {
    if ((error as Error).message === "NEXT_REDIRECT") return "redirect";
    throw error;
  }
}
const reply = (entries: Record<string, string>) => outcome(replyAction(idle, fields(entries)));
const orgId = async (slug: string) =>
  (await db.organization.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
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
    officerId: triage.userId,
  });
  expect(await outcome(enterReceiptAction(idle, fields({ receipt: created.receipt })))).toBe(
    "redirect",
  );
  return created.reportId;
}

beforeEach(async () => {
  cookie = undefined;
  await resetDatabase();
  await seedOrganizations(db as never);
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
