import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
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

  it("npm start's own migrator finds nothing to apply after Prisma's deploy", async () => {
    expect(await migrateAtStart(url)).toEqual([]);
  });
});

// scripts/lib/migrate.mjs applies the migrations at start-up without Prisma's schema engine; it
// must write what Prisma reads, and read what Prisma writes.
describe("npm start's migrator", () => {
  const other = process.env.DATABASE_URL!.replace(/\/[^/?]+(\?.*)?$/, `/${name}_start`);
  beforeAll(() => withPg((c) => c.query(`CREATE DATABASE "${name}_start"`), adminUrl), 60_000);
  afterAll(
    () => withPg((c) => c.query(`DROP DATABASE IF EXISTS "${name}_start" WITH (FORCE)`), adminUrl),
    60_000,
  );

  it("applies every migration once, and Prisma then finds the database up to date", async () => {
    const all = readdirSync(path.join(root, "prisma", "migrations"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const [first, second] = await Promise.all([migrateAtStart(other), migrateAtStart(other)]);
    // Two instances starting at once: the advisory lock lets one apply and the other find none.
    expect([...first!, ...second!].sort()).toEqual(all);
    expect(await migrateAtStart(other)).toEqual([]);
    const status = await run(
      path.join(root, "node_modules", ".bin", "prisma"),
      ["migrate", "status"],
      {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: other,
          PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, "scripts", "prisma-schema-engine.mjs"),
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
        },
        timeout: 120_000,
      },
    );
    expect(status.stdout + status.stderr).toMatch(/Database schema is up to date/);
    // The same checksums as Prisma's own deploy wrote into the first database.
    const recorded = (databaseUrl: string) =>
      withPg(
        async (c) =>
          (
            await c.query(
              `SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations" ORDER BY 1`,
            )
          ).rows,
        databaseUrl,
      );
    expect(await recorded(other)).toEqual(await recorded(url));
  });
});

async function migrateAtStart(databaseUrl: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, [path.join(root, "scripts/lib/migrate.mjs")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as string[];
}
