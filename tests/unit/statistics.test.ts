import { describe, expect, it } from "vitest";
import { toCsv } from "@/lib/statistics/csv";
import { monthsOf, readPeriod } from "@/lib/statistics/period";
import { buildStatisticsView } from "@/lib/statistics/statistics-view";
import { suppressDuration, suppressGroup } from "@/lib/statistics/suppress";
import type { RawStatistics } from "@/lib/statistics/query-statistics";

const group = (counts: number[], additive = true, threshold = 5) =>
  suppressGroup(
    counts.map((count, i) => ({ key: `k${i}`, count })),
    threshold,
    { additive },
  );
const shown = (g: ReturnType<typeof group>) => g.cells.map((c) => c.value);

describe("suppressGroup", () => {
  it("hides a cell of 3 and, with a total shown, the next smallest cell too", () => {
    const g = group([40, 3, 12, 9]);
    expect(shown(g)).toEqual([40, null, 12, null]);
    expect(g.cells.map((c) => c.suppressed)).toEqual([null, "primary", null, "secondary"]);
    expect(g.total).toBe(64);
  });

  it("leaves no single hidden cell that the total minus the others would reveal", () => {
    for (const counts of [
      [3, 50],
      [0, 7, 9],
      [4, 100, 5, 6],
      [1, 2, 30],
      [2, 5, 5, 5],
    ]) {
      const g = group(counts);
      const hidden = g.cells.filter((c) => c.value === null);
      expect(hidden.length === 0 || hidden.length >= 2, JSON.stringify(counts)).toBe(true);
    }
  });

  it("hides a total under the threshold, and then every cell", () => {
    const g = group([1, 0, 2]);
    expect(shown(g)).toEqual([null, null, null]);
    expect(g.total).toBeNull();
    expect(g.totalSuppressed).toBe(true);
  });

  it("hides every cell when all are small, and needs no secondary suppression for it", () => {
    const g = group([4, 4, 3, 1]);
    expect(shown(g)).toEqual([null, null, null, null]);
    expect(g.cells.every((c) => c.suppressed === "primary")).toBe(true);
    expect(g.total).toBe(12);
  });

  it("breaks ties for the secondary cell by the table's order", () => {
    const g = group([9, 2, 7, 7, 30]);
    expect(shown(g)).toEqual([9, null, null, 7, 30]);
    expect(g.cells[2]!.suppressed).toBe("secondary");
  });

  it("adds nothing when two or more cells are already hidden", () => {
    expect(shown(group([1, 2, 40, 50]))).toEqual([null, null, 40, 50]);
  });

  it("uses only the primary rule when the cells do not add up to a total", () => {
    const g = group([3, 40, 12], false);
    expect(shown(g)).toEqual([null, 40, 12]);
    expect(g.total).toBeNull();
    expect(g.additive).toBe(false);
  });

  it("treats a count equal to the threshold as publishable and honours another threshold", () => {
    expect(shown(group([5, 5]))).toEqual([5, 5]);
    expect(shown(group([9, 10, 20], true, 10))).toEqual([null, null, 20]);
  });

  it("shows nothing when a single cell is hidden and no other cell exists", () => {
    const g = group([3]);
    expect(shown(g)).toEqual([null]);
    expect(g.total).toBeNull();
  });
});

describe("suppressDuration", () => {
  it("publishes times only over at least the threshold of items", () => {
    expect(suppressDuration({ count: 4, medianHours: 2, p90Hours: 9 }, 5)).toEqual({
      count: null,
      medianHours: null,
      p90Hours: null,
    });
    expect(suppressDuration({ count: 5, medianHours: 2, p90Hours: 9 }, 5)).toEqual({
      count: 5,
      medianHours: 2,
      p90Hours: 9,
    });
  });
});

describe("readPeriod", () => {
  const now = new Date("2026-11-30T23:30:00Z"); // already 1 December in Ljubljana

  it("defaults to the year so far, in Slovenia's time zone", () => {
    expect(readPeriod({}, now)).toEqual({
      from: { year: 2026, month: 1 },
      to: { year: 2026, month: 12 },
      adjusted: false,
    });
  });

  it("swaps ends given the wrong way round and caps the length at ten years", () => {
    expect(readPeriod({ from: "2026-05", to: "2026-02" }, now)).toMatchObject({
      from: { year: 2026, month: 2 },
      to: { year: 2026, month: 5 },
      adjusted: true,
    });
    const long = readPeriod({ from: "2001-01", to: "2026-06" }, now);
    expect(monthsOf(long)).toHaveLength(120);
    expect(long.from).toEqual({ year: 2016, month: 7 });
  });

  it("ignores junk and says so", () => {
    for (const junk of ["2026-13", "26-01", "2026-1", "'; DROP", "1999-12"]) {
      const p = readPeriod({ from: junk }, now);
      expect(p.from).toEqual({ year: 2026, month: 1 });
      expect(p.adjusted).toBe(true);
    }
  });
});

describe("toCsv", () => {
  it("starts with a byte-order mark, quotes text, keeps č, š, ž and Cyrillic, and disarms formulas", () => {
    const csv = toCsv([
      ["Regija", "Prijave"],
      ['Koroška "Ravne"', "< 5"],
      ['=HYPERLINK("x")', 12],
      ["Українська", "-3"],
    ]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split("\r\n")).toEqual([
      '"Regija","Prijave"',
      '"Koroška ""Ravne""","< 5"',
      '"\'=HYPERLINK(""x"")",12',
      '"Українська","\'-3"',
      "",
    ]);
  });
});

describe("buildStatisticsView", () => {
  const raw: RawStatistics = {
    reports: 23,
    months: [
      { key: "2026-01", count: 20 },
      { key: "2026-02", count: 3 },
    ],
    forms: [{ key: "labour", count: 23 }],
    regions: [
      { key: "podravska", count: 20 },
      { key: "koroska", count: 3 },
    ],
    minors: [{ key: "NO", count: 23 }],
    reporterRoles: [{ key: "witness", count: 23 }],
    languages: [{ key: "uk", count: 23 }],
    routes: [],
    outcomes: [],
    firstLook: { count: 23, medianHours: 1.5, p90Hours: 4 },
    acknowledgement: { count: 0, medianHours: null, p90Hours: null },
    closure: { count: 3, medianHours: 10, p90Hours: 12 },
  };

  it("lists every known answer in the form's order, answers nobody gave as hidden zeros", () => {
    const view = buildStatisticsView(raw, ["org-a", "org-b"], 5);
    const regions = view.tables.regions.cells;
    expect(regions).toHaveLength(14);
    expect(regions[0]).toMatchObject({ key: "osrednjeslovenska", value: null });
    expect(regions.find((c) => c.key === "podravska")!.value).toBe(20);
    expect(regions.find((c) => c.key === "koroska")!.value).toBeNull();
    expect(view.tables.regions.total).toBe(23);
    expect(view.tables.minors.cells.map((c) => c.key)).toEqual(["YES", "NO", "UNKNOWN"]);
    expect(view.tables.languages.cells.map((c) => c.key)).toEqual(["sl", "en", "uk"]);
    expect(view.tables.routes.cells.map((c) => c.key)).toEqual(["org-a", "org-b"]);
    expect(view.tables.routes.total).toBeNull(); // no referrals: a total of 0 is hidden
    expect(view.tables.forms.total).toBeNull();
    expect(view.durations.firstLook).toEqual({ count: 23, medianHours: 1.5, p90Hours: 4 });
    expect(view.durations.closure.count).toBeNull();
  });

  it("hides the month of 3 and the other month with it, since the total shows", () => {
    const view = buildStatisticsView(raw, [], 5);
    expect(view.tables.months.cells.map((c) => c.value)).toEqual([null, null]);
    expect(view.tables.months.total).toBe(23);
  });
});
