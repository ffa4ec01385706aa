import type { KeyPair } from "@/lib/crypto/sealing";
import { db } from "@/lib/db";
import { reporterKeyPair } from "@/lib/followup/reporter-keys";
import { hashReceipt, normalizeReceipt } from "@/lib/reports/receipt";

// The reporter's key, as a reporter coming back with the receipt would hold it in their session
// (lib/followup/reporter-session.ts): derived from the receipt and the report's stored salt.

/** The key pair of the reporter holding this receipt (as shown, or digits only). */
export async function reporterKeyOf(receipt: string): Promise<KeyPair> {
  const code = normalizeReceipt(receipt);
  if (!code) throw new Error(`reporterKeyOf: "${receipt}" is not a receipt`);
  const report = await db.report.findUnique({
    where: { receiptHash: hashReceipt(code) },
    select: { reporterKeySalt: true },
  });
  if (!report) throw new Error("reporterKeyOf: no report has this receipt");
  if (!report.reporterKeySalt)
    throw new Error("reporterKeyOf: the report has no reporter key salt");
  return reporterKeyPair(code, report.reporterKeySalt);
}
