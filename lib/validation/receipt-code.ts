// The receipt code as people type it back. Pure and dependency-free: the browser (to catch a typo
// before anything is sent), the follow-up schema (to catch it on the server before any rate limit)
// and lib/reports/receipt.ts (to issue codes) all use this one file.
//
// A code is five groups of six digits: five random digits and one Damm check digit in each group
// (25 random digits, log2(10^25) ≈ 83 bits, as before). Damm rather than Verhoeff: one 10×10 table
// instead of three, no separate inverse step, and it catches the same errors people make when
// copying digits — every single wrong digit and every swap of two neighbours. A check digit per
// group rather than one for the whole code: the error can then be pointed to, so a person
// re-reads six digits, not thirty.
//
// Codes issued before (25 digits in five groups of five, no check digit) keep working: told apart
// by their length, they go straight to the lookup.

export const receiptGroups = 5;
export const receiptGroupSize = 6;
export const receiptDigits = receiptGroups * receiptGroupSize;
export const randomDigitsPerGroup = receiptGroupSize - 1;
const legacyReceiptDigits = 25;
const legacyGroupSize = 5;

// The weakly totally anti-symmetric quasigroup of order 10 from Damm (2004), as commonly published.
const dammTable = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
] as const;

function dammInterim(digits: string): number {
  let interim = 0;
  for (const char of digits) interim = dammTable[interim]![char.charCodeAt(0) - 48]!;
  return interim;
}

/** The digit that, appended to `digits`, makes the Damm check come out at zero. */
export function dammCheckDigit(digits: string): string {
  return String(dammInterim(digits));
}

export function hasValidDammCheck(digitsWithCheck: string): boolean {
  return digitsWithCheck.length > 1 && dammInterim(digitsWithCheck) === 0;
}

/** Only the digits: spaces, dashes, dots and the like that people write between groups are dropped. */
export function receiptDigitsOf(input: string): string {
  return input.replace(/[\s\-‐-―.·_/]/g, "");
}

export type ReceiptCheck =
  | { status: "ok"; code: string; legacy: boolean }
  /** Not a code at all: letters, or nothing. */
  | { status: "notDigits" }
  /** Neither 30 digits nor an older code's 25. */
  | { status: "length"; count: number }
  /** 30 digits, and these groups (1-based, left to right) fail their check digit. */
  | { status: "groups"; groups: number[] };

/** What can be said about a typed code without asking anyone: costs nothing, reveals nothing. */
export function checkReceipt(input: string): ReceiptCheck {
  const digits = receiptDigitsOf(input);
  if (!/^\d+$/.test(digits)) return { status: "notDigits" };
  if (digits.length === legacyReceiptDigits) return { status: "ok", code: digits, legacy: true };
  if (digits.length !== receiptDigits) return { status: "length", count: digits.length };
  const groups = splitGroups(digits, receiptGroupSize)
    .map((group, index) => (hasValidDammCheck(group) ? 0 : index + 1))
    .filter((group) => group > 0);
  return groups.length
    ? { status: "groups", groups }
    : { status: "ok", code: digits, legacy: false };
}

/** Groups of six for a current code, of five for an older one; anything else as typed. */
export function formatReceipt(code: string): string {
  const size = code.length === legacyReceiptDigits ? legacyGroupSize : receiptGroupSize;
  return splitGroups(code, size).join(" ");
}

export function splitGroups(digits: string, size = receiptGroupSize): string[] {
  return digits.match(new RegExp(`.{1,${size}}`, "g")) ?? [];
}
