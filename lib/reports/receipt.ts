import "server-only";
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { derivedKey } from "@/lib/crypto/secrets";

// A receipt is 25 random decimal digits (log2(10^25) ≈ 83 bits), shown as five groups of five:
// digits read aloud and write down the same in Slovene, English and Ukrainian, with no letters to
// confuse between Latin and Cyrillic. Only an HMAC of it is stored; the code itself never is.

export const receiptDigits = 25;
const groupSize = 5;

export function generateReceipt(): string {
  let code = "";
  for (let i = 0; i < receiptDigits; i++) code += String(randomInt(10));
  return code;
}

export function formatReceipt(code: string): string {
  return code.match(new RegExp(`.{1,${groupSize}}`, "g"))?.join(" ") ?? code;
}

/** Accepts the code as people type it back: spaces, dashes, dots; returns null if it cannot be one. */
export function normalizeReceipt(input: string): string | null {
  const digits = input.replace(/[\s\-–—.·_/]/g, "");
  return new RegExp(`^\\d{${receiptDigits}}$`).test(digits) ? digits : null;
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
