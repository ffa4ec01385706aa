import { describe, expect, it } from "vitest";
import { generateReceipt } from "@/lib/reports/receipt";
import {
  checkReceipt,
  dammCheckDigit,
  hasValidDammCheck,
  receiptDigits,
  receiptGroupSize,
} from "@/lib/validation/receipt-code";

const codes = Array.from({ length: 300 }, generateReceipt);
const groupOf = (position: number) => Math.floor(position / receiptGroupSize) + 1;

describe("the Damm check digit", () => {
  it("matches the published worked example (572 → 4)", () => {
    expect(dammCheckDigit("572")).toBe("4");
    expect(hasValidDammCheck("5724")).toBe(true);
    expect(hasValidDammCheck("5727")).toBe(false);
  });

  it("holds in every group of every code issued", () => {
    for (const code of codes)
      expect(checkReceipt(code)).toEqual({ status: "ok", code, legacy: false });
  });
});

describe("a mistyped receipt is caught before anything is looked up", () => {
  it("every single wrong digit, in every position, points to its own group", () => {
    let tried = 0;
    const missed: string[] = [];
    for (const code of codes) {
      for (let position = 0; position < receiptDigits; position++) {
        for (let digit = 0; digit <= 9; digit++) {
          if (String(digit) === code[position]) continue;
          const typo = code.slice(0, position) + digit + code.slice(position + 1);
          const result = checkReceipt(typo);
          if (result.status !== "groups" || result.groups.join() !== String(groupOf(position)))
            missed.push(`${code} @${position}=${digit}`);
          tried++;
        }
      }
    }
    expect(missed).toEqual([]);
    expect(tried).toBe(codes.length * receiptDigits * 9);
  });

  it("every swap of two different neighbours is caught, and the groups it touched are named", () => {
    let tried = 0;
    const missed: string[] = [];
    for (const code of codes) {
      for (let position = 0; position < receiptDigits - 1; position++) {
        if (code[position] === code[position + 1]) continue;
        const swapped =
          code.slice(0, position) + code[position + 1] + code[position] + code.slice(position + 2);
        const result = checkReceipt(swapped);
        const touched = [...new Set([groupOf(position), groupOf(position + 1)])];
        if (result.status !== "groups" || result.groups.join() !== touched.join())
          missed.push(`${code} swap @${position}`);
        tried++;
      }
    }
    expect(missed).toEqual([]);
    expect(tried).toBeGreaterThan(codes.length * 20);
  });

  it("a missing or extra digit is told by its count, letters as not a code", () => {
    const [code] = codes;
    expect(checkReceipt(code!.slice(1))).toEqual({ status: "length", count: receiptDigits - 1 });
    expect(checkReceipt(`${code}7`)).toEqual({ status: "length", count: receiptDigits + 1 });
    expect(checkReceipt("12345 abcde")).toEqual({ status: "notDigits" });
    expect(checkReceipt("")).toEqual({ status: "notDigits" });
  });

  it("older 25-digit codes have no check digit and go on to the lookup as typed", () => {
    expect(checkReceipt("00000 00000 00000 00000 00001")).toEqual({
      status: "ok",
      code: "0000000000000000000000001",
      legacy: true,
    });
  });
});
