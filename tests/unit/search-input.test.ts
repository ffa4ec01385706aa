import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstValue, searchBigInt, searchDate } from "@/lib/http/search-params";
import { decodeCursor, encodeCursor } from "@/lib/reports/list-cursor";

// Query strings are written by whoever holds the address bar: what these helpers let through
// goes into a Prisma query, so they must let through only what PostgreSQL accepts.

const base64 = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const good = {
  urgency: "HIGH",
  createdAt: "2026-11-23T10:00:00.000Z",
  id: "3c632eb7-8968-4731-810c-2669d523bf9e",
};

describe("the triage list's page cursor", () => {
  it("reads back what the list wrote", () => {
    const row = {
      urgency: "CRITICAL",
      createdAt: new Date("2026-01-02T03:04:05.678Z"),
      id: good.id,
    };
    expect(decodeCursor(encodeCursor(row))).toEqual({
      urgency: "CRITICAL",
      createdAt: "2026-01-02T03:04:05.678Z",
      id: good.id,
    });
  });

  it.each([
    ["an id that is not a UUID", { ...good, id: "1' OR 1=1" }],
    ["a number for an id", { ...good, id: 7 }],
    ["an unknown urgency", { ...good, urgency: "URGENT" }],
    ["a date that is not ISO", { ...good, createdAt: "Tue, 1 Dec 2026" }],
    ["a date that does not exist", { ...good, createdAt: "2026-02-30T00:00:00.000Z" }],
    ["a number for a date", { ...good, createdAt: 0 }],
    ["null", null],
    ["a list", [good.urgency, good.createdAt, good.id]],
    ["text", "not json"],
  ])("is ignored when it carries %s", (_label, value) => {
    expect(decodeCursor(base64(value))).toBeNull();
  });

  it("is ignored, never thrown, whatever the address bar holds", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 600 }), fc.jsonValue().map(base64)), (value) => {
        const cursor = decodeCursor(value);
        if (cursor) expect(cursor.id).toMatch(/^[0-9a-f-]{36}$/);
      }),
      { numRuns: 500 },
    );
  });
});

describe("filters from the query string", () => {
  it("drop values with control characters (PostgreSQL refuses a NUL)", () => {
    expect(firstValue("staff.\u0000")).toBeUndefined();
    expect(firstValue(["a\nb", "c"])).toBeUndefined();
    expect(firstValue(["report.", "x"])).toBe("report.");
    expect(firstValue("x".repeat(500))).toHaveLength(200);
  });

  it("take only days that exist, in years PostgreSQL and people use", () => {
    expect(searchDate("2026-02-28")?.toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(searchDate("2026-02-28", true)?.toISOString()).toBe("2026-02-28T23:59:59.999Z");
    for (const value of [
      "2026-02-30",
      "2026-13-01",
      "2026-00-10",
      "0000-01-01",
      "1899-12-31",
      "2026-1-1",
      "+20260-01-01",
    ]) {
      expect(searchDate(value), value).toBeUndefined();
    }
  });

  it("take a bigint cursor only within PostgreSQL's bigint", () => {
    expect(searchBigInt("42")).toBe(42n);
    expect(searchBigInt("9223372036854775807")).toBe(9223372036854775807n);
    for (const value of ["9223372036854775808", "9".repeat(300), "-1", "1e3", "", undefined])
      expect(searchBigInt(value), value).toBeUndefined();
  });
});
