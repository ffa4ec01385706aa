// `npm run retention:run`: one retention run now (the server also runs it hourly). Deletes closed
// and spam reports past RETENTION_CLOSED_DAYS / RETENTION_SPAM_DAYS; see lib/retention/purge-reports.ts.
import { assertConfiguration } from "@/lib/config";
import { db } from "@/lib/db";
import { runRetention } from "@/lib/retention/run-retention";

async function main(): Promise<number> {
  assertConfiguration();
  const outcome = await runRetention();
  if (!outcome.ran) {
    console.log("[retention] another run is in progress against this database; nothing done");
    return 0;
  }
  console.log(`[retention] ${outcome.result.purged} report(s) purged`);
  return 0;
}

main()
  .catch((error: unknown) => {
    console.error(`[retention] failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  })
  .then(async (code) => {
    await db.$disconnect();
    process.exit(code);
  });
