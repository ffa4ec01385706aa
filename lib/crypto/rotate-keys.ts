import "server-only";
import { db } from "@/lib/db";
import { reportFieldAad } from "@/lib/reports/create-report";
import { decryptText, encryptText, keyIdOf } from "./encryption";
import { currentDataKey, previousDataKeys } from "./secrets";

// Re-encrypts every encrypted value under the current DATA_ENCRYPTION_KEY, reading old values with
// DATA_ENCRYPTION_PREVIOUS_KEYS. Safe to interrupt and to run again: it works in batches, each in
// its own transaction, and picks only rows with a value under another key id, so a second run
// continues where the first stopped. A value it cannot decrypt (a key missing from
// DATA_ENCRYPTION_PREVIOUS_KEYS, a wrong key) stops the run with that batch rolled back: nothing
// is ever written in plaintext or under a key that is not configured.
//
// Encrypted columns: Report.description, Report.contact, Report.placeDetails. A new encrypted
// column must be added here.

const fields = ["description", "contact", "placeDetails"] as const;
type Field = (typeof fields)[number];
type Row = { id: string } & Record<Field, string | null>;

export type RotateOptions = {
  batchSize?: number;
  onBatch?: (progress: { rotated: number }) => void;
};

export type RotateResult = { rotated: number; batches: number; remaining: number; keyId: string };

export async function rotateDataKeys({ batchSize = 200, onBatch }: RotateOptions = {}): Promise<RotateResult> {
  const key = currentDataKey();
  previousDataKeys(); // a malformed list fails here, before anything is touched
  const prefix = `v1.${key.id}.`;

  let rotated = 0;
  let batches = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const count = await db.$transaction(async (tx) => {
      // Keyset order by id: every row is visited once, however many runs it takes. Rows locked by
      // a concurrent writer are skipped and counted in `remaining` below.
      const rows = await tx.$queryRaw<Row[]>`
        SELECT id::text AS id, description, contact, "placeDetails" FROM "Report"
        WHERE id > ${after}::uuid
          AND (NOT starts_with(description, ${prefix})
            OR (contact IS NOT NULL AND NOT starts_with(contact, ${prefix}))
            OR ("placeDetails" IS NOT NULL AND NOT starts_with("placeDetails", ${prefix})))
        ORDER BY id
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED`;
      for (const row of rows) {
        const data: Partial<Record<Field, string>> = {};
        for (const field of fields) {
          const value = row[field];
          if (value === null || keyIdOf(value) === key.id) continue;
          const aad = reportFieldAad(row.id, field);
          data[field] = encryptText(decryptText(value, aad), aad, key);
        }
        await tx.report.update({ where: { id: row.id }, data, select: { id: true } });
      }
      if (rows.length > 0) after = rows[rows.length - 1]!.id;
      return rows.length;
    });
    if (count === 0) break;
    rotated += count;
    batches++;
    onBatch?.({ rotated });
  }
  return { rotated, batches, remaining: await countNotUnder(prefix), keyId: key.id };
}

/** Rows still holding a value under another key (0 once the rotation is complete). */
async function countNotUnder(prefix: string): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM "Report"
    WHERE NOT starts_with(description, ${prefix})
       OR (contact IS NOT NULL AND NOT starts_with(contact, ${prefix}))
       OR ("placeDetails" IS NOT NULL AND NOT starts_with("placeDetails", ${prefix}))`;
  return Number(row?.count ?? 0);
}
