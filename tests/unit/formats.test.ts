import { createFormatter } from "next-intl";
import { describe, expect, it } from "vitest";
import { formats, timeZone } from "@/lib/i18n/formats";

describe("the configured date formats", () => {
  // 23:30 UTC on 31 December is already New Year's Day in Ljubljana.
  const when = new Date("2026-12-31T23:30:05Z");
  const format = (locale: "sl" | "en" | "uk") => createFormatter({ locale, timeZone, formats });

  it("shows a stamp in Ljubljana's time, to the second", () => {
    expect(format("sl").dateTime(when, "stamp")).toBe("1. 1. 2027, 00:30:05");
    expect(format("en").dateTime(when, "stamp")).toBe("1/1/2027, 12:30:05 AM");
    expect(format("uk").dateTime(when, "stamp")).toBe("01.01.2027, 00:30:05");
  });

  it("writes a long date for sentences", () => {
    expect(format("sl").dateTime(when, "long")).toBe("1. januar 2027 ob 00:30");
  });
});
