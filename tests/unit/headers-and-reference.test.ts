import { describe, expect, it } from "vitest";
import { formatReference, parseReference } from "@/lib/reports/reference";
import { contentSecurityPolicy, staticSecurityHeaders } from "@/lib/security/headers";

describe("content security policy", () => {
  const csp = contentSecurityPolicy("abc123");
  const directive = (name: string) => csp.split("; ").find((part) => part.startsWith(`${name} `));

  it("allows scripts only from this origin with the request's nonce", () => {
    expect(directive("script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
  });

  it("names no other origin and forbids framing", () => {
    expect(csp).not.toMatch(/https?:/);
    expect(directive("frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive("form-action")).toBe("form-action 'self'");
  });

  it("goes with the static headers the issue requires", () => {
    const headers = Object.fromEntries(staticSecurityHeaders.map((h) => [h.key, h.value]));
    // same-origin, not no-referrer: see lib/security/headers.ts
    expect(headers["Referrer-Policy"]).toBe("same-origin");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Permissions-Policy"]).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  });
});

describe("report references", () => {
  it("format as TR-year-number in Slovenian time", () => {
    expect(formatReference(42, new Date("2026-03-01T10:00:00Z"))).toBe("TR-2026-00042");
    // 23:30 UTC on New Year's Eve is already the next year in Ljubljana.
    expect(formatReference(7, new Date("2026-12-31T23:30:00Z"))).toBe("TR-2027-00007");
  });

  it("parse back from what staff type", () => {
    expect(parseReference("TR-2026-00042")).toBe(42);
    expect(parseReference("tr-2026-42")).toBe(42);
    expect(parseReference(" 42 ")).toBe(42);
    expect(parseReference("DROP TABLE")).toBeNull();
  });
});
