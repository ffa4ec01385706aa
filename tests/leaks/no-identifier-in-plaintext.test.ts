import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withPg } from "../support/database";
import { linkedIdentifierForms } from "../support/linked-report-texts";

// Linked reports keep only keyed blind indexes (SECURITY.md, "Linked reports"). After the whole
// suite, the phone number and plate the browser test linked are nowhere: not in any table (as
// text, as the hex or base64 of their bytes), not in any server log.

const needles = linkedIdentifierForms.flatMap((value) =>
  [value, Buffer.from(value).toString("hex"), Buffer.from(value).toString("base64")].map((n) =>
    n.toLowerCase(),
  ),
);
const found = (text: string) => needles.filter((needle) => text.toLowerCase().includes(needle));

describe("after the whole suite: identifiers", () => {
  it("no table holds a linked identifier in any written or normalised form", async () => {
    const tables = await withPg(async (c) =>
      (
        await c.query<{ tablename: string }>(
          "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
        )
      ).rows.map((r) => r.tablename),
    );
    expect(tables).toEqual(
      expect.arrayContaining(["ReportIdentifier", "WaitingReportIdentifiers"]),
    );
    for (const table of tables) {
      const rows = await withPg(
        async (c) =>
          (await c.query<{ row: string }>(`SELECT t::text AS row FROM "${table}" t`)).rows,
      );
      for (const { row } of rows) expect(found(row), `${table}: ${row.slice(0, 120)}`).toEqual([]);
    }
  });

  it("no server log names one", () => {
    const logDir = process.env.SERVER_LOG_DIR;
    expect(
      logDir && existsSync(logDir),
      "SERVER_LOG_DIR (run through scripts/test.mjs)",
    ).toBeTruthy();
    for (const file of readdirSync(logDir!).filter((name) => name.endsWith(".log"))) {
      const text = readFileSync(path.join(logDir!, file), "utf8");
      expect(found(text), file).toEqual([]);
    }
  });
});
