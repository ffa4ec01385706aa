// Applies prisma/migrations/*/migration.sql that are not yet applied, the way `prisma migrate
// deploy` does, and records them in Prisma's own `_prisma_migrations` table (same columns, same
// SHA-256 checksum of the file), so that Prisma's CLI and this agree about what is applied.
//
// Why not `prisma migrate deploy` at start-up: Prisma 7's CLI needs its native schema engine,
// which it downloads; where that is impossible we run its WebAssembly engine through a stand-in
// (scripts/prisma-schema-engine.mjs) that leans on internals of the adapter and of wasm-bindgen.
// A Prisma upgrade may break the stand-in; it must not break start-up. Creating migrations
// (`migrate dev`, `diff`, `status`) still goes through Prisma's CLI.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { root } from "./local-env.mjs";

// The key Prisma's schema engine takes with pg_advisory_lock: two processes (ours or Prisma's)
// migrating one database at once wait for each other instead of applying a migration twice.
const prismaAdvisoryLock = 72707369;

/** Applies the pending migrations in name order; returns the names applied. */
export async function applyMigrations(
  connectionString,
  directory = path.join(root, "prisma", "migrations"),
) {
  const migrations = readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [prismaAdvisoryLock]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const recorded = new Map(rows.map((row) => [row.migration_name, row]));
    const applied = [];
    for (const name of migrations) {
      const sql = readFileSync(path.join(directory, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      const row = recorded.get(name);
      if (row?.finished_at) {
        if (row.checksum !== checksum)
          console.warn(`[migrate] ${name} was changed after it was applied (checksum differs)`);
        continue;
      }
      // A migration that failed half-way is for a person to look at, as with Prisma (P3009).
      if (row) throw new Error(`migration ${name} failed earlier and needs resolving by hand`);
      const id = randomUUID();
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
        [id, checksum, name],
      );
      // One simple-protocol batch, as the native engine sends it: PostgreSQL runs a batch without
      // its own BEGIN/COMMIT as one transaction, so a failing migration leaves nothing behind.
      try {
        await client.query(sql);
      } catch (error) {
        await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [
          id,
          String(error.message),
        ]);
        throw new Error(`migration ${name} failed: ${error.message}`);
      }
      await client.query(
        `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
        [id],
      );
      applied.push(name);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [prismaAdvisoryLock]).catch(() => {});
    await client.end();
  }
}

// `node scripts/lib/migrate.mjs`: applies them to DATABASE_URL and prints the names applied.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(JSON.stringify(await applyMigrations(process.env.DATABASE_URL)));
}
