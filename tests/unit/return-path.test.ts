import { describe, expect, it } from "vitest";
import { parseReturnPath, returnPathValue } from "@/lib/auth/return-path";
import { signInSchema } from "@/lib/validation/staff";

// The path sign-in continues to comes from the address bar and a hidden field: only our own
// dashboard pages may pass, or a notice link becomes a way to send staff to someone else's site.

describe("the path sign-in continues to", () => {
  it("accepts dashboard pages in each language, with a plain query", () => {
    expect(parseReturnPath("/sl/dashboard/referrals")).toEqual({
      locale: "sl",
      href: "/dashboard/referrals",
    });
    expect(parseReturnPath("/uk/dashboard/reports/0b6a3f5e-8d1c-4b7e-9a1f-2c3d4e5f6a7b")).toEqual({
      locale: "uk",
      href: "/dashboard/reports/0b6a3f5e-8d1c-4b7e-9a1f-2c3d4e5f6a7b",
    });
    expect(parseReturnPath("/en/dashboard/reports?overdue=1&mine=1")).toEqual({
      locale: "en",
      href: "/dashboard/reports?overdue=1&mine=1",
    });
    expect(parseReturnPath("/en/dashboard")).toEqual({ locale: "en", href: "/dashboard" });
    expect(returnPathValue("/sl/dashboard/reports?overdue=1")).toBe(
      "/sl/dashboard/reports?overdue=1",
    );
  });

  it.each([
    "//evil.example",
    "//evil.example/sl/dashboard",
    "https://evil.example/sl/dashboard",
    "http:/sl/dashboard",
    "javascript:alert(1)//sl/dashboard",
    "/\\evil.example",
    "/sl/dashboard/\\evil.example",
    "\\\\evil.example/sl/dashboard",
    "/sl/dashboard//evil.example",
    "/sl/dashboard/%2F%2Fevil.example",
    "/sl/dashboard/%5Cevil.example",
    "%2F%2Fevil.example",
    "/%2F/evil.example",
    "/sl/dashboard/../../evil",
    "/sl/dashboard/./reports",
    "/sl/dashboardx",
    "/sl/dashboard-evil",
    "/sl/sign-in",
    "/sl/report",
    "/fr/dashboard",
    "/SL/dashboard",
    "sl/dashboard",
    "/sl/dashboard/reports#x",
    "/sl/dashboard/reports?next=https://evil.example",
    "/sl/dashboard\n/x",
    "/sl/dashboard/\u0000",
    " /sl/dashboard",
    "/sl/dashboard/" + "a".repeat(400),
    "",
  ])("refuses %j", (value) => {
    expect(parseReturnPath(value)).toBeNull();
    expect(returnPathValue(value)).toBeUndefined();
  });

  it("refuses anything that is not a string", () => {
    for (const value of [undefined, null, 42, ["/sl/dashboard"], { href: "/sl/dashboard" }])
      expect(parseReturnPath(value)).toBeNull();
  });

  it("is dropped from the sign-in form, never a reason to refuse it", () => {
    const form = { email: "ana@example.org", password: "x" };
    expect(signInSchema.parse({ ...form, next: "//evil.example" }).next).toBeUndefined();
    expect(signInSchema.parse({ ...form, next: "/sl/dashboard/referrals" }).next).toBe(
      "/sl/dashboard/referrals",
    );
    expect(signInSchema.parse(form).next).toBeUndefined();
  });
});
