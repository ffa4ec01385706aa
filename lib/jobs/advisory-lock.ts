import "server-only";
import pg from "pg";

// Maintenance jobs (retention, key rotation) run at most once at a time across every process that
// shares the database, through a PostgreSQL session advisory lock. The lock lives on a connection
// of its own, held for the whole run: if the process dies, PostgreSQL ends the session and the
// lock is released with it, so a crash never leaves a job locked out.

export const jobLocks = {
  retention: 1,
  keyRotation: 2,
  deadlines: 3,
} as const;

// The first half of every lock key, so the app's locks cannot collide with another user's.
const namespace = 0x7072; // "pr"

export async function withAdvisoryLock<T>(
  job: keyof typeof jobLocks,
  run: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set.");
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  // An error on an idle client (the database restarting) must not crash the process.
  client.on("error", () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock($1, $2) AS locked",
      [namespace, jobLocks[job]],
    );
    if (!rows[0]?.locked) return { ran: false };
    try {
      return { ran: true, result: await run() };
    } finally {
      await client
        .query("SELECT pg_advisory_unlock($1, $2)", [namespace, jobLocks[job]])
        .catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}
