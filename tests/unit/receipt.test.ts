import { beforeAll, describe, expect, it } from "vitest";
import { formatReceipt, generateReceipt, hashReceipt, normalizeReceipt, receiptDigits, receiptMatches } from "@/lib/reports/receipt";

beforeAll(() => {
  process.env.APP_SECRET = "unit-test-secret-that-is-long-enough-0123456789";
});

describe("receipt codes", () => {
  it("have at least 80 bits of entropy", () => {
    expect(receiptDigits * Math.log2(10)).toBeGreaterThanOrEqual(80);
    expect(generateReceipt()).toMatch(new RegExp(`^\\d{${receiptDigits}}$`));
  });

  it("do not repeat and use every digit", () => {
    const codes = Array.from({ length: 2000 }, generateReceipt);
    expect(new Set(codes).size).toBe(codes.length);
    const digits = new Set(codes.join(""));
    expect(digits.size).toBe(10);
  });

  it("are shown in five groups of five", () => {
    expect(formatReceipt("1234567890123456789012345")).toBe("12345 67890 12345 67890 12345");
  });

  it("are accepted back with spaces, dashes and dots, and nothing else", () => {
    expect(normalizeReceipt(" 12345-67890 12345.67890\t12345 ")).toBe("1234567890123456789012345");
    expect(normalizeReceipt("12345 67890 12345 67890 1234")).toBeNull();
    expect(normalizeReceipt("12345 67890 12345 67890 1234X")).toBeNull();
    expect(normalizeReceipt("")).toBeNull();
  });

  it("are stored only as a keyed hash that checks back", () => {
    const code = generateReceipt();
    const hash = hashReceipt(code);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(code);
    expect(receiptMatches(formatReceipt(code), hash)).toBe(true);
    expect(receiptMatches(generateReceipt(), hash)).toBe(false);
    expect(receiptMatches("not a code", hash)).toBe(false);
  });

  it("hash differently under another server secret", () => {
    const code = generateReceipt();
    const first = hashReceipt(code);
    process.env.APP_SECRET = "another-unit-test-secret-that-is-long-enough-99";
    expect(hashReceipt(code)).not.toBe(first);
  });
});
