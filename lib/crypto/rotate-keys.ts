import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { encryptedColumnList, rowAad } from "./encrypted-fields";
import {
  decryptBytes,
  decryptText,
  encryptBytes,
  encryptText,
  isSealedKeyId,
  keyIdOf,
  sealedKeyIds,
} from "./encryption";
import { currentDataKey, previousDataKeys } from "./secrets";

// Re-encrypts every encrypted value under the current DATA_ENCRYPTION_KEY, reading old values with
// DATA_ENCRYPTION_PREVIOUS_KEYS. Safe to interrupt and to run again: it works in batches, each in
// its own transaction, and picks only rows with a value under another key id, so a second run
// continues where the first stopped. A value it cannot decrypt (a key missing from
// DATA_ENCRYPTION_PREVIOUS_KEYS, a wrong key) stops the run with that batch rolled back: nothing
// is ever written in plaintext or under a key that is not configured. Values under a report's own
// key (sealedKeyIds) are not the server's to read and are left as they are.

type Column = { name: string; aad: (id: string) => string };

// Models whose encrypted columns are all text envelopes (the key id inside each value), from the
// table in encrypted-fields.ts. Attachment, with its bytes, has a path of its own below.
const textModels: { table: string; columns: Column[] }[] = [];
for (const { model, column, storage, aad } of encryptedColumnList()) {
  if (model === "Attachment") {
    if (column !== "content" && column !== "fileName")
      throw new Error(`Attachment.${column}: the attachment path below does not rotate it.`);
    continue;
  }
  if (storage !== "text") throw new Error(`${model}.${column}: rotation has no path for bytes.`);
  let entry = textModels.find((candidate) => candidate.table === model);
  if (!entry) textModels.push((entry = { table: model, columns: [] }));
  entry.columns.push({ name: column, aad });
}

/**
 * Attachments: the content is bytes with its key id in `keyId`, the file name a text envelope
 * (both rotate together, by `keyId`). Few per batch: files are large.
 */
const attachmentBatchSize = 10;

export type RotateOptions = {
  batchSize?: number;
  onBatch?: (progress: { rotated: number }) => void;
};

export type RotateResult = { rotated: number; batches: number; remaining: number; keyId: string };

const ident = (name: string) => Prisma.raw(`"${name}"`); // names come from encrypted-fields.ts, never from input
const staleCondition = (columns: Column[], prefix: string) =>
  Prisma.join(
    columns.map(
      (c) =>
        Prisma.sql`(${ident(c.name)} IS NOT NULL AND NOT starts_with(${ident(c.name)}, ${prefix})${Prisma.join(
          sealedKeyIds.map(
            (id) => Prisma.sql` AND NOT starts_with(${ident(c.name)}, ${`v1.${id}.`})`,
          ),
          "",
        )})`,
    ),
    " OR ",
  );

export async function rotateDataKeys({
  batchSize = 200,
  onBatch,
}: RotateOptions = {}): Promise<RotateResult> {
  const key = currentDataKey();
  previousDataKeys(); // a malformed list fails here, before anything is touched
  const prefix = `v1.${key.id}.`;

  let rotated = 0;
  let batches = 0;
  for (const { table, columns } of textModels) {
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const count = await db.$transaction(async (tx) => {
        // Keyset order by id: every row is visited once, however many runs it takes. Rows locked
        // by a concurrent writer are skipped and counted in `remaining` below.
        const rows = await tx.$queryRaw<Record<string, string | null>[]>`
          SELECT id::text AS id, ${Prisma.join(columns.map((c) => ident(c.name)))} FROM ${ident(table)}
          WHERE id > ${after}::uuid AND (${staleCondition(columns, prefix)})
          ORDER BY id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
        for (const row of rows) {
          const id = row.id!;
          const updates = columns.flatMap((column) => {
            const value = row[column.name];
            if (value === null || value === undefined || keyIdOf(value) === key.id) return [];
            if (isSealedKeyId(keyIdOf(value))) return [];
            const aad = column.aad(id);
            return [
              Prisma.sql`${ident(column.name)} = ${encryptText(decryptText(value, aad), aad, key)}`,
            ];
          });
          if (updates.length)
            await tx.$executeRaw`UPDATE ${ident(table)} SET ${Prisma.join(updates)} WHERE id = ${id}::uuid`;
        }
        if (rows.length > 0) after = rows[rows.length - 1]!.id!;
        return rows.length;
      });
      if (count === 0) break;
      rotated += count;
      batches++;
      onBatch?.({ rotated });
    }
  }
  for (;;) {
    const count = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<
        { id: string; keyId: string; fileName: string; content: Uint8Array }[]
      >`
        SELECT id::text AS id, "keyId", "fileName", content FROM "Attachment"
        WHERE "keyId" <> ${key.id} AND "keyId" <> ALL(${[...sealedKeyIds]}) ORDER BY id LIMIT ${Math.min(batchSize, attachmentBatchSize)} FOR UPDATE SKIP LOCKED`;
      for (const row of rows) {
        const sealed = encryptBytes(
          decryptBytes(row.content, row.keyId, rowAad("Attachment", "content", row.id)),
          rowAad("Attachment", "content", row.id),
          key,
        );
        const fileName = encryptText(
          decryptText(row.fileName, rowAad("Attachment", "fileName", row.id)),
          rowAad("Attachment", "fileName", row.id),
          key,
        );
        await tx.$executeRaw`UPDATE "Attachment" SET "keyId" = ${sealed.keyId}, content = ${new Uint8Array(sealed.content)}, "fileName" = ${fileName} WHERE id = ${row.id}::uuid`;
      }
      return rows.length;
    });
    if (count === 0) break;
    rotated += count;
    batches++;
    onBatch?.({ rotated });
  }
  return { rotated, batches, remaining: await countNotUnder(prefix, key.id), keyId: key.id };
}

/** Rows still holding a value under another key (0 once the rotation is complete). */
async function countNotUnder(prefix: string, keyId: string): Promise<number> {
  let total = await db.attachment.count({
    where: { keyId: { notIn: [keyId, ...sealedKeyIds] } },
  });
  for (const { table, columns } of textModels) {
    const [row] = await db.$queryRaw<
      { count: bigint }[]
    >`SELECT count(*) AS count FROM ${ident(table)} WHERE ${staleCondition(columns, prefix)}`;
    total += Number(row?.count ?? 0);
  }
  return total;
}
