import { describe, expect, it } from "vitest";
import { getPathname } from "@/lib/i18n/navigation";
import { mailPath, supportedLocale } from "@/lib/i18n/routing";

describe("paths with the locale", () => {
  it("prefixes every path, the home page included, with its locale", () => {
    expect(getPathname({ href: "/", locale: "sl" })).toBe("/sl");
    expect(getPathname({ href: "/report", locale: "uk" })).toBe("/uk/report");
    expect(getPathname({ href: "/dashboard/files/abc", locale: "en" })).toBe(
      "/en/dashboard/files/abc",
    );
    expect(
      getPathname({ href: { pathname: "/follow-up", query: { sent: "1" } }, locale: "en" }),
    ).toBe("/en/follow-up?sent=1");
  });
});

describe("mailPath", () => {
  it("builds the same paths as next-intl's navigation", () => {
    for (const locale of ["sl", "en", "uk"] as const)
      for (const href of ["/", "/dashboard/referrals", "/invite/abc-DEF_123"] as const)
        expect(mailPath(href, locale)).toBe(getPathname({ href, locale }));
  });
});

describe("supportedLocale", () => {
  it("keeps an offered language and falls back to Slovenian for anything else", () => {
    expect(supportedLocale("uk")).toBe("uk");
    expect(supportedLocale("de")).toBe("sl");
    expect(supportedLocale("UK")).toBe("sl");
    expect(supportedLocale(undefined)).toBe("sl");
  });
});
