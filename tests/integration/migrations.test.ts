import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withPg } from "../support/database";

// The migrations must apply through the WebAssembly schema-engine stand-in, which is what every
// machine without Prisma's native engine (CI included) relies on. These run the real CLI.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..", "..");
const adminUrl = process.env.DATABASE_URL!.replace(/\/[^/?]+(\?.*)?$/, "/postgres");
const name = `prijavi_migrations_${randomBytes(4).toString("hex")}`;
const url = process.env.DATABASE_URL!.replace(/\/[^/?]+(\?.*)?$/, `/${name}`);

async function prisma(...args: string[]) {
  const result = await run(path.join(root, "node_modules", ".bin", "prisma"), args, {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url,
      PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, "scripts", "prisma-schema-engine.mjs"),
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
    timeout: 120_000,
  });
  return result.stdout + result.stderr;
}

const databases = () =>
  withPg(
    async (c) =>
      (await c.query<{ datname: string }>("SELECT datname FROM pg_database")).rows.map(
        (r) => r.datname,
      ),
    adminUrl,
  );

beforeAll(() => withPg((c) => c.query(`CREATE DATABASE "${name}"`), adminUrl), 60_000);
afterAll(
  () => withPg((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`), adminUrl),
  60_000,
);

describe("migrations through the wasm schema engine", () => {
  it("migrate deploy builds the schema on an empty database", async () => {
    expect(await prisma("migrate", "deploy")).toMatch(
      /applied|All migrations have been successfully applied/i,
    );
    const tables = await withPg(
      async (c) =>
        (
          await c.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        ).rows.map((r) => r.tablename),
      url,
    );
    expect(tables).toEqual(
      expect.arrayContaining(["AuditEvent", "Organization", "Report", "_prisma_migrations"]),
    );
  });

  it("migrate dev finds the schema in sync, keeps the data and leaves no shadow database", async () => {
    await withPg(
      (c) =>
        c.query(
          `INSERT INTO "Organization" (id, slug, kind, "nameSl", "nameEn", "nameUk", "updatedAt") VALUES (gen_random_uuid(), 'probe', 'NGO', 'a', 'b', 'c', now())`,
        ),
      url,
    );
    expect(await prisma("migrate", "dev")).toMatch(/Already in sync/);
    const kept = await withPg(
      async (c) => (await c.query(`SELECT slug FROM "Organization"`)).rows,
      url,
    );
    expect(kept).toEqual([{ slug: "probe" }]);
    expect((await databases()).filter((db) => db.includes("shadow"))).toEqual([]);
  });

  it("migrate status reports the database up to date", async () => {
    expect(await prisma("migrate", "status")).toMatch(/Database schema is up to date/);
  });
});
