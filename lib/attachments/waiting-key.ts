import "server-only";
import { hkdfSync } from "node:crypto";
import type { DataKey } from "@/lib/crypto/secrets";

// Files of a form sent back for corrections wait before their report exists, so before there is
// a content key to put them under. They wait under a key derived (HKDF-SHA256) from the form's
// one-time id, which only the reporter's own page and post carry: the rows are found by another
// value derived from it, never by the id itself, so a dump plus every server secret holds neither
// the id nor the key. When the report is stored its files move to its content key
// (lib/reports/create-report.ts); those never sent are deleted by retention after 24 hours.

const derive = (submissionId: string, purpose: string) =>
  Buffer.from(hkdfSync("sha256", submissionId.toLowerCase(), "prijavi", purpose, 32));

/** Where a form's waiting files are found (their `pendingSubmissionId`), as a UUID. */
export function waitingLookupId(submissionId: string): string {
  const hex = derive(submissionId, "waiting-files:lookup").subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The key a form's waiting files are encrypted under (envelope key id "waiting"). */
export function waitingKey(submissionId: string): DataKey {
  return { id: "waiting", key: derive(submissionId, "waiting-files:key") };
}
