import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { formats, timeZone } from "@/lib/i18n/formats";
import type { Locale } from "@/lib/i18n/routing";
import en from "@/messages/en.json";
import sl from "@/messages/sl.json";
import uk from "@/messages/uk.json";
import { seedOrganizations } from "@/prisma/seed";
import { resetDatabase } from "../support/database";
import { organizationId, staffUser, storedReport } from "../support/case-data";
import { actAs } from "../support/next-headers";
import { createStaff, type TestStaff } from "../support/staff";
import { percentile } from "../support/percentile";
import { makeTestKeys, triageKeys } from "../support/test-keys";

// Statistics over a seeded set whose every figure is also computed here, by SQL written another
// way (each row's local time compared with the period, rather than the period's bounds in UTC)
// and by percentiles computed in JavaScript; then the suppression the published result carries,
// who may see it, and the CSV route as a browser would call it.

vi.mock("next/headers", () => import("../support/next-headers"));
// The real translators over the real message files, standing in for next-intl's request scope.
vi.mock("next-intl/server", async () => {
  const { createFormatter, createTranslator } = await import("next-intl");
  const all = { en, sl, uk } as Record<string, typeof en>;
  return {
    getTranslations: async ({ locale, namespace }: { locale: Locale; namespace?: string }) =>
      createTranslator({
        locale,
        messages: all[locale]!,
        namespace: namespace as never,
        formats,
        timeZone,
      }),
    getFormatter: async ({ locale }: { locale: Locale }) =>
      createFormatter({ locale, formats, timeZone }),
  };
});

const { loadStatistics } = await import("@/lib/statistics/load-statistics");
const { queryStatistics } = await import("@/lib/statistics/query-statistics");
const { routeReport } = await import("@/lib/referrals/route-report");
const { GET: csvRoute } =
  await import("@/app/[locale]/(staff)/dashboard/statistics/csv/[table]/route");

const period = { from: { year: 2025, month: 1 }, to: { year: 2025, month: 6 } };
const hour = 3_600_000;
let triage: TestStaff;
let kljucStaff: TestStaff;

/** The i-th report of the set: its answers and when it came, in a pattern the figures test. */
function answersOf(i: number) {
  return {
    region: i < 12 ? "podravska" : i < 22 ? "savinjska" : i < 25 ? "koroska" : "pomurska",
    minors: (i % 6 === 0 ? "YES" : i % 10 === 3 ? "UNKNOWN" : "NO") as "YES" | "NO" | "UNKNOWN",
    reporterRole: ["witness", "relative", "professional"][i % 3]!,
    locale: i < 20 ? "uk" : i < 27 ? "sl" : "en",
    forms: ["labour", ...(i % 4 === 0 ? ["sexual"] : []), ...(i === 5 ? ["childBegging"] : [])],
    // The first at 00:30 on 1 January in Ljubljana (still 31 December in UTC).
    createdAt:
      i === 0
        ? new Date("2024-12-31T23:30:00Z")
        : new Date(Date.UTC(2025, i % 6, 3 + (i % 20), 10)),
  };
}

beforeAll(async () => {
  await resetDatabase();
  await seedOrganizations(db as never);
  await makeTestKeys();
  triage = await createStaff("TRIAGE");
  kljucStaff = await createStaff("ORG_STAFF", { organization: "kljuc" });
  const officer = await staffUser("TRIAGE");
  const kljuc = await organizationId("kljuc");
  const caritas = await organizationId("caritas");
  for (let i = 0; i < 30; i++) {
    const { id } = await storedReport("MEDIUM");
    const a = answersOf(i);
    if (i < 10) {
      const routed = await routeReport({
        reportId: id,
        organizationIds: i < 3 ? [kljuc, caritas] : [kljuc],
        keys: await triageKeys(),
        officerId: officer.id,
      });
      if (routed.status !== "routed") throw new Error(routed.status);
      const referral = await db.referral.findFirstOrThrow({
        where: { reportId: id, organizationId: kljuc },
      });
      if (i < 7)
        await db.referral.update({
          where: { id: referral.id },
          data: {
            acknowledgedAt: new Date(referral.createdAt.getTime() + (i + 1) * hour),
            outcome: i < 5 ? "ASSISTED" : "NO_CONTACT",
          },
        });
    }
    await db.report.update({
      where: { id },
      data: {
        ...a,
        firstSeenAt: i < 20 ? new Date(a.createdAt.getTime() + i * hour) : null,
        ...(i >= 20 && i < 26
          ? { status: "CLOSED", closedAt: new Date(a.createdAt.getTime() + (i - 19) * 24 * hour) }
          : {}),
      },
    });
  }
  // Outside the period or spam: counted nowhere.
  const outside = [
    { createdAt: new Date("2024-12-31T22:30:00Z") }, // 23:30 on 31 December in Ljubljana
    { createdAt: new Date("2025-06-30T22:30:00Z") }, // 00:30 on 1 July in Ljubljana
    { createdAt: new Date("2025-03-03T10:00:00Z"), status: "SPAM" as const },
  ];
  for (const data of outside) {
    const { id } = await storedReport("LOW");
    await db.report.update({ where: { id }, data: { ...data, region: "koroska" } });
  }
}, 120_000);
afterAll(() => db.$disconnect());

const inPeriodSql = `status <> 'SPAM'
  AND ("createdAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Ljubljana') >= '2025-01-01'
  AND ("createdAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Ljubljana') < '2025-07-01'`;

async function countsBy(column: string) {
  const rows = await db.$queryRawUnsafe<{ key: string; count: number }[]>(
    `SELECT ${column} AS key, count(*)::int AS count FROM "Report" WHERE ${inPeriodSql} GROUP BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.key, r.count]));
}
const asObject = (counts: { key: string; count: number }[]) =>
  Object.fromEntries(counts.filter((c) => c.count > 0).map((c) => [c.key, c.count]));

describe("statistics: the counts", () => {
  it("match SQL written independently, for every single-valued answer and the months", async () => {
    const raw = await queryStatistics(period);
    expect(raw.reports).toBe(30);
    expect(asObject(raw.regions)).toEqual(await countsBy("region"));
    expect(asObject(raw.minors)).toEqual(await countsBy("minors::text"));
    expect(asObject(raw.reporterRoles)).toEqual(await countsBy(`"reporterRole"`));
    expect(asObject(raw.languages)).toEqual(await countsBy("locale"));
    expect(asObject(raw.months)).toEqual(
      await countsBy(
        `to_char("createdAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Ljubljana', 'YYYY-MM')`,
      ),
    );
    // The report at 00:30 local time on 1 January counts in January; the months sum to the total.
    expect(raw.months.map((m) => m.key)).toEqual([
      "2025-01",
      "2025-02",
      "2025-03",
      "2025-04",
      "2025-05",
      "2025-06",
    ]);
    expect(raw.months.reduce((s, m) => s + m.count, 0)).toBe(30);
  });

  it("count each form of exploitation once per report that names it", async () => {
    const raw = await queryStatistics(period);
    const rows = await db.$queryRawUnsafe<{ key: string; count: number }[]>(
      `SELECT f AS key, count(DISTINCT id)::int AS count FROM "Report", unnest(forms) f WHERE ${inPeriodSql} GROUP BY f`,
    );
    expect(asObject(raw.forms)).toEqual(Object.fromEntries(rows.map((r) => [r.key, r.count])));
    expect(asObject(raw.forms)).toMatchObject({ labour: 30, sexual: 8, childBegging: 1 });
  });

  it("count referrals by organisation and by outcome", async () => {
    const raw = await queryStatistics(period);
    const ids = { kljuc: await organizationId("kljuc"), caritas: await organizationId("caritas") };
    expect(asObject(raw.routes)).toEqual({ [ids.kljuc]: 10, [ids.caritas]: 3 });
    expect(asObject(raw.outcomes)).toEqual({ ASSISTED: 5, NO_CONTACT: 2, OPEN: 6 });
  });

  it("give medians and 90th percentiles as percentile_cont defines them", async () => {
    const raw = await queryStatistics(period);
    const firstLook = Array.from({ length: 20 }, (_, i) => i);
    expect(raw.firstLook.count).toBe(20);
    expect(raw.firstLook.medianHours).toBeCloseTo(percentile(firstLook, 0.5), 6);
    expect(raw.firstLook.p90Hours).toBeCloseTo(percentile(firstLook, 0.9), 6);
    const acknowledged = [1, 2, 3, 4, 5, 6, 7];
    expect(raw.acknowledgement.count).toBe(7);
    expect(raw.acknowledgement.medianHours).toBeCloseTo(percentile(acknowledged, 0.5), 6);
    expect(raw.acknowledgement.p90Hours).toBeCloseTo(percentile(acknowledged, 0.9), 6);
    const closed = [1, 2, 3, 4, 5, 6].map((d) => d * 24);
    expect(raw.closure.count).toBe(6);
    expect(raw.closure.medianHours).toBeCloseTo(percentile(closed, 0.5), 6);
    expect(raw.closure.p90Hours).toBeCloseTo(percentile(closed, 0.9), 6);
  });
});

describe("statistics: what is published", () => {
  it("hides the cell of 3 and the cell that the total would give away", async () => {
    const user = await staffUser("TRIAGE");
    const page = (await loadStatistics(user, period, "en"))!;
    const region = (key: string) => page.tables.regions.cells.find((c) => c.key === key)!;
    expect(region("koroska")).toMatchObject({ value: null, suppressed: "primary" });
    // The regions nobody named are hidden zeros: with them, the 3 is never the only hidden cell.
    expect(region("pomurska")).toMatchObject({ value: 5, suppressed: null });
    expect(region("zasavska")).toMatchObject({ value: null, suppressed: "primary" });
    expect(region("podravska").value).toBe(12);
    expect(page.tables.regions.total).toBe(30);
    const minors = Object.fromEntries(page.tables.minors.cells.map((c) => [c.key, c.suppressed]));
    expect(minors).toEqual({ YES: "secondary", NO: null, UNKNOWN: "primary" });
    expect(page.tables.languages.cells.find((c) => c.key === "en")!.value).toBeNull();
    expect(page.durations.closure.count).toBe(6);
  });

  it("follows STATISTICS_MIN_CELL", async () => {
    const user = await staffUser("ADMIN");
    process.env.STATISTICS_MIN_CELL = "11";
    try {
      const page = (await loadStatistics(user, period, "en"))!;
      expect(page.threshold).toBe(11);
      expect(page.tables.regions.cells.find((c) => c.key === "savinjska")!.value).toBeNull();
      expect(page.durations.acknowledgement.count).toBeNull();
    } finally {
      delete process.env.STATISTICS_MIN_CELL;
    }
  });

  it("is refused to organisation staff", async () => {
    expect(
      await loadStatistics(await staffUser("ORG_STAFF", { organization: "kljuc" }), period, "en"),
    ).toBeNull();
  });
});

describe("statistics: the CSV route", () => {
  const get = (table: string, locale = "sl") =>
    csvRoute(
      new Request(
        `http://localhost/${locale}/dashboard/statistics/csv/${table}?from=2025-01&to=2025-06`,
      ),
      {
        params: Promise.resolve({ locale, table }),
      },
    );

  it("gives triage the table as shown, UTF-8 with a byte-order mark, and audits it", async () => {
    actAs(triage.headers);
    const response = await get("regions");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split("\r\n");
    expect(lines[0]).toBe('"Regija","Prijave"');
    expect(lines).toContain(`"${sl.ReportForm.region.options.koroska}","< 5"`);
    expect(lines).toContain(`"${sl.ReportForm.region.options.pomurska}","5"`);
    expect(lines).toContain(`"${sl.ReportForm.region.options.podravska}","12"`);
    expect(lines.at(-1)).toBe('"Skupaj","30"');
    const audit = await db.auditEvent.findFirst({
      where: { action: "statistics.exported", actorId: triage.userId },
      orderBy: { id: "desc" },
    });
    expect(audit?.detail).toEqual({ table: "regions", from: "2025-01", to: "2025-06" });
  });

  it("hides in the file the cell that the total would give away", async () => {
    actAs(triage.headers);
    const lines = (await (await get("minors", "en")).text()).trim().split("\r\n");
    expect(lines).toEqual([
      '"Minors involved","Reports"',
      '"Yes","< 5"',
      '"No","22"',
      '"Unknown","< 5"',
      '"Total","30"',
    ]);
  });

  it("writes Ukrainian labels and the response times", async () => {
    actAs(triage.headers);
    const text = await (await get("durations", "uk")).text();
    expect(text).toContain(uk.Statistics.durations.firstLook);
    expect(text).toContain("9,5 год");
  });

  it("answers 404 to organisation staff, to the signed-out and for an unknown table", async () => {
    actAs(kljucStaff.headers);
    expect((await get("regions")).status).toBe(404);
    actAs(new Headers());
    expect((await get("regions")).status).toBe(404);
    actAs(triage.headers);
    expect((await get("passwords")).status).toBe(404);
    expect(
      await db.auditEvent.count({
        where: { action: "statistics.exported", actorId: kljucStaff.userId },
      }),
    ).toBe(0);
  });
});
