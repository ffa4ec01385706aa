import "server-only";
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { derivedKey } from "@/lib/crypto/secrets";
import {
  checkReceipt,
  dammCheckDigit,
  randomDigitsPerGroup,
  receiptGroups,
} from "@/lib/validation/receipt-code";

// A receipt is digits only: they read aloud and write down the same in Slovene, English and
// Ukrainian, with no letters to confuse between Latin and Cyrillic. Its format (five groups of
// five random digits and a check digit) is in lib/validation/receipt-code.ts. Only an HMAC of it
// is stored; the code itself never is.

export { formatReceipt, receiptDigits } from "@/lib/validation/receipt-code";

export function generateReceipt(): string {
  let code = "";
  for (let group = 0; group < receiptGroups; group++) {
    let digits = "";
    for (let i = 0; i < randomDigitsPerGroup; i++) digits += String(randomInt(10));
    code += digits + dammCheckDigit(digits);
  }
  return code;
}

/**
 * The code as people type it back (spaces, dashes, dots ignored), or null if it cannot be one: a
 * current code whose check digits hold, or an older 25-digit code, which has none.
 */
export function normalizeReceipt(input: string): string | null {
  const checked = checkReceipt(input);
  return checked.status === "ok" ? checked.code : null;
}

export function hashReceipt(code: string): string {
  return createHmac("sha256", derivedKey("receipt-v1")).update(code, "utf8").digest("hex");
}

export function receiptMatches(input: string, storedHash: string): boolean {
  const code = normalizeReceipt(input);
  if (!code) return false;
  const candidate = Buffer.from(hashReceipt(code), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}
