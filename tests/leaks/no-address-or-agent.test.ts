import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canaries } from "../support/canaries";
import { withPg } from "../support/database";
import { storedReports } from "../support/stored-reports";

// Runs after every other tier (scripts/test.mjs), on what they left behind: the database they
// all wrote to and the output of every `next start` they ran. Thousands of submissions came
// from 127.0.0.1 with the test user agent, some claiming 203.0.113.x in X-Forwarded-For; none
// of it may be anywhere.

const logDir = process.env.SERVER_LOG_DIR;

/**
 * `next start` announces the address it listens on ("- Local: http://127.0.0.1:PORT"): that is
 * the server's own address, not a client's, and the only line allowed to name it.
 */
const listenBanner = /^\s*- (Local|Network):\s+http:\/\/127\.0\.0\.1:\d+\s*$/;

function found(text: string): string[] {
  return canaries.filter((canary) => text.includes(canary));
}

describe("after the whole suite", () => {
  it("the servers' logs hold no client address and no user agent", () => {
    expect(
      logDir && existsSync(logDir),
      "SERVER_LOG_DIR with the servers' logs (run through scripts/test.mjs)",
    ).toBeTruthy();
    const files = readdirSync(logDir!).filter((file) => file.endsWith(".log"));
    expect(files.length).toBeGreaterThan(0);
    let submissions = 0;
    for (const file of files) {
      const lines = readFileSync(path.join(logDir!, file), "utf8").split("\n");
      submissions += lines.filter((line) => line.includes('"event":"action.completed"')).length;
      const leaking = lines.filter((line) => !listenBanner.test(line) && found(line).length > 0);
      expect(leaking, `${file}`).toEqual([]);
    }
    // The logs searched are the ones that saw the traffic.
    expect(submissions).toBeGreaterThan(0);
  });

  it("no table holds a client address or user agent, not even inside encrypted text", async () => {
    const tables = await withPg(async (c) =>
      (
        await c.query<{ tablename: string }>(
          "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
        )
      ).rows.map((r) => r.tablename),
    );
    expect(tables).toEqual(expect.arrayContaining(["Report", "AuditEvent", "Organization"]));
    let rows = 0;
    for (const table of tables) {
      const text = await withPg(async (c) =>
        (await c.query<{ row: string }>(`SELECT t::text AS row FROM "${table}" t`)).rows.map(
          (r) => r.row,
        ),
      );
      rows += text.length;
      for (const row of text) expect(found(row), `${table}: ${row.slice(0, 120)}`).toEqual([]);
    }
    const reports = await storedReports();
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports)
      expect(found(report.plaintext.join("\n")), `report ${report.id}`).toEqual([]);
    expect(rows).toBeGreaterThan(reports.length);
  });
});
