// `npm run keys:rotate`: re-encrypts all report content under the current DATA_ENCRYPTION_KEY.
//   DATA_ENCRYPTION_KEY=<new id>:<new key> DATA_ENCRYPTION_PREVIOUS_KEYS=<old id>:<old key> npm run keys:rotate
// Resumable: interrupt it at any time and run it again. Exits non-zero while anything remains under
// an old key; only then may the old key be removed from DATA_ENCRYPTION_PREVIOUS_KEYS.
import { rotateDataKeys } from "@/lib/crypto/rotate-keys";
import { assertSecrets } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import { withAdvisoryLock } from "@/lib/jobs/advisory-lock";

const say = (message: string) => console.log(`[keys:rotate] ${message}`);

async function main(): Promise<number> {
  assertSecrets();
  const outcome = await withAdvisoryLock("keyRotation", () =>
    rotateDataKeys({ onBatch: ({ rotated }) => say(`${rotated} row(s) re-encrypted so far`) }),
  );
  if (!outcome.ran) {
    say("another rotation is running against this database; try again when it has finished");
    return 1;
  }
  const { rotated, remaining, keyId } = outcome.result;
  say(`${rotated} report(s) re-encrypted under key "${keyId}"`);
  if (remaining > 0) {
    say(
      `${remaining} row(s) still hold a value under another key (they were busy): run the command again`,
    );
    return 1;
  }
  say(
    "every value is under the current key; older keys may now be removed from DATA_ENCRYPTION_PREVIOUS_KEYS",
  );
  return 0;
}

main()
  .catch((error: unknown) => {
    // The message names a key id or a report id at most, never content.
    console.error(
      `[keys:rotate] stopped, nothing of the current batch was written: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  })
  .then(async (code) => {
    await db.$disconnect();
    process.exit(code);
  });
