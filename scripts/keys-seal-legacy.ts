// `npm run keys:seal-legacy`: moves reports stored before sealed reports from the server's data
// key to a content key of their own, sealed to the police and to each organisation holding the
// report (lib/reports/seal-legacy.ts). Resumable: interrupt it at any time and run it again.
// Then conversations and notes (sealLegacyThreads). Exits non-zero while a report or a thread
// remains under the server key (an organisation without keys, or a report busy at the moment);
// messages waiting for their reporter's return are reported, not counted as a failure.
import { assertSecrets } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import { withAdvisoryLock } from "@/lib/jobs/advisory-lock";
import { sealLegacyReports, sealLegacyThreads } from "@/lib/reports/seal-legacy";

const say = (message: string) => console.log(`[keys:seal-legacy] ${message}`);

async function main(): Promise<number> {
  assertSecrets();
  const outcome = await withAdvisoryLock("keyRotation", async () => ({
    reports: await sealLegacyReports({
      onReport: (sealed) => {
        if (sealed % 100 === 0) say(`${sealed} report(s) sealed so far`);
      },
    }),
    threads: await sealLegacyThreads(),
  }));
  if (!outcome.ran) {
    say("a key rotation or another move is running against this database; try again later");
    return 1;
  }
  const { sealed, remaining, waitingFor } = outcome.result.reports;
  const threads = outcome.result.threads;
  say(`${sealed} report(s) sealed`);
  say(`${threads.sealed} conversation(s) or set(s) of notes sealed`);
  const keyless = [...new Set([...waitingFor, ...threads.waitingFor])];
  if (keyless.length)
    say(`waiting for these organisations to make their keys: ${keyless.join(", ")}`);
  if (threads.waitingForReporter > 0)
    say(
      `${threads.waitingForReporter} message(s) wait for their reporter to come back with the receipt (it is not stored, so nothing else can seal to them); they move then`,
    );
  if (remaining > 0 || threads.remaining > 0) {
    say(
      `${remaining} report(s) and ${threads.remaining} thread(s) still under the server key: run the command again`,
    );
    return 1;
  }
  say("every report is sealed");
  return 0;
}

main()
  .catch((error: unknown) => {
    // The message names a report id at most, never content.
    console.error(
      `[keys:seal-legacy] stopped, the report in hand was left as it was: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  })
  .then(async (code) => {
    await db.$disconnect();
    process.exit(code);
  });
