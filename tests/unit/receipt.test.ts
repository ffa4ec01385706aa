import { beforeAll, describe, expect, it } from "vitest";
import {
  formatReceipt,
  generateReceipt,
  hashReceipt,
  normalizeReceipt,
  receiptDigits,
  receiptMatches,
} from "@/lib/reports/receipt";
import { randomDigitsPerGroup, receiptGroups } from "@/lib/validation/receipt-code";

beforeAll(() => {
  process.env.APP_SECRET = "unit-test-secret-that-is-long-enough-0123456789";
});

describe("receipt codes", () => {
  it("have at least 83 random bits besides their check digits", () => {
    expect(receiptGroups * randomDigitsPerGroup * Math.log2(10)).toBeGreaterThanOrEqual(83);
    expect(generateReceipt()).toMatch(new RegExp(`^\\d{${receiptDigits}}$`));
  });

  it("do not repeat and use every digit", () => {
    const codes = Array.from({ length: 2000 }, generateReceipt);
    expect(new Set(codes).size).toBe(codes.length);
    const digits = new Set(codes.join(""));
    expect(digits.size).toBe(10);
  });

  it("are shown in five groups of six; older codes in five groups of five", () => {
    expect(formatReceipt("123456789012345678901234567890")).toBe(
      "123456 789012 345678 901234 567890",
    );
    expect(formatReceipt("1234567890123456789012345")).toBe("12345 67890 12345 67890 12345");
  });

  it("are accepted back with spaces, dashes and dots, and nothing else", () => {
    const code = generateReceipt();
    const typed = ` ${code.slice(0, 6)}-${code.slice(6, 12)} ${code.slice(12, 18)}.${code.slice(18, 24)}\t${code.slice(24)} `;
    expect(normalizeReceipt(typed)).toBe(code);
    expect(normalizeReceipt(code.slice(0, -1))).toBeNull();
    expect(normalizeReceipt(`${code.slice(0, -1)}X`)).toBeNull();
    expect(normalizeReceipt("")).toBeNull();
  });

  it("issued before check digits (25 digits) are still accepted", () => {
    expect(normalizeReceipt(" 12345-67890 12345.67890\t12345 ")).toBe("1234567890123456789012345");
    expect(normalizeReceipt("12345 67890 12345 67890 1234")).toBeNull();
  });

  it("are stored only as a keyed hash that checks back, old and new", () => {
    for (const code of [generateReceipt(), "9876543210987654321098765"]) {
      const hash = hashReceipt(code);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hash).not.toContain(code);
      expect(receiptMatches(formatReceipt(code), hash)).toBe(true);
      expect(receiptMatches(generateReceipt(), hash)).toBe(false);
      expect(receiptMatches("not a code", hash)).toBe(false);
    }
  });

  it("hash differently under another server secret", () => {
    const code = generateReceipt();
    const first = hashReceipt(code);
    process.env.APP_SECRET = "another-unit-test-secret-that-is-long-enough-99";
    expect(hashReceipt(code)).not.toBe(first);
  });
});
