import pg from "pg";

/** A plain pg connection to the test database, for checks that must not go through the app's code. */
export async function withPg<T>(
  fn: (client: pg.Client) => Promise<T>,
  url = process.env.DATABASE_URL,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Empties every application table (not the migrations record), so each test file starts clean. */
export async function resetDatabase(): Promise<void> {
  await withPg(async (client) => {
    const { rows } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
    );
    if (rows.length) {
      await client.query(
        `TRUNCATE ${rows.map((row) => `"${row.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`,
      );
    }
  });
}
