import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { encryptedColumnList, encryptedOmit, rowAad } from "@/lib/crypto/encrypted-fields";

type SchemaField = { model: string; column: string; type: string };

/** Fields of prisma/schema.prisma whose doc comment (`///` lines just above) says @encrypted. */
function markedInSchema(): SchemaField[] {
  const schema = readFileSync(
    path.resolve(import.meta.dirname, "../../prisma/schema.prisma"),
    "utf8",
  );
  const found: SchemaField[] = [];
  let model: string | undefined;
  let doc: string[] = [];
  for (const raw of schema.split("\n")) {
    const line = raw.trim();
    const opened = /^model (\w+) \{$/.exec(line);
    if (opened) {
      model = opened[1];
      doc = [];
      continue;
    }
    if (line === "}") model = undefined;
    if (line.startsWith("///")) {
      doc.push(line.slice(3).trim());
      continue;
    }
    const field = /^(\w+)\s+(\w+)/.exec(line);
    if (model && field && doc.includes("@encrypted"))
      found.push({ model, column: field[1]!, type: field[2]! });
    doc = [];
  }
  return found;
}

const key = (entry: { model: string; column: string }) => `${entry.model}.${entry.column}`;

describe("the table of encrypted fields", () => {
  it("lists exactly the columns the schema marks @encrypted", () => {
    const marked = markedInSchema();
    expect(marked.length).toBeGreaterThan(0);
    expect(encryptedColumnList().map(key).sort()).toEqual(marked.map(key).sort());
  });

  it("stores text envelopes in String columns and sealed bytes in Bytes columns", () => {
    const types = new Map(markedInSchema().map((field) => [key(field), field.type]));
    for (const entry of encryptedColumnList())
      expect([key(entry), types.get(key(entry))]).toEqual([
        key(entry),
        entry.storage === "text" ? "String" : "Bytes",
      ]);
  });

  // Values already stored were sealed with these bytes: changing one makes them unreadable.
  it("binds every column with the associated data used since the first release", () => {
    const id = "0b6c1c3e-2f4a-4d8e-9a51-6f0c2d7e8b90";
    expect(encryptedColumnList().map((entry) => entry.aad(id))).toEqual([
      `report:${id}:description`,
      `report:${id}:contact`,
      `report:${id}:placeDetails`,
      `report:${id}:closeReason`,
      `referral:${id}:note`,
      `note:${id}:body`,
      `message:${id}:body`,
      `attachment:${id}:fileName`,
      `attachment:${id}:content`,
    ]);
    expect(rowAad("Report", "description", id)).toBe(`report:${id}:description`);
    expect(rowAad("Attachment", "content", id)).toBe(`attachment:${id}:content`);
  });

  it("gives Prisma an omit entry for every encrypted column, under the client's model keys", () => {
    expect(encryptedOmit()).toEqual({
      report: { description: true, contact: true, placeDetails: true, closeReason: true },
      referral: { note: true },
      note: { body: true },
      message: { body: true },
      attachment: { fileName: true, content: true },
    });
  });
});
