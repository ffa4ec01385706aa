// `npm run bench -- --keys`: what sealed reports cost in CPU time, on this machine, with the
// production parameters (not the test runner's cheap ones). No database, no app. It prints:
//   - Argon2id at the default parameters, which a member pays at every sign-in (opening their own
//     key) and a reporter at every receipt entry: one at a time, and four at once (libuv's pool);
//   - opening one sealed key (an organisation's copy of a report's key) and decrypting a report's
//     fields with it, the extra work of a report page;
//   - sealing a key to a public key, the extra work of a submission or a routing.
import { randomBytes } from "node:crypto";
import { encryptText, decryptText } from "@/lib/crypto/encryption";
import {
  defaultKdfParams,
  deriveKey,
  generateKeyPair,
  newKey,
  newSalt,
  openSealedKey,
  sealKey,
} from "@/lib/crypto/sealing";
import { percentile } from "@/tests/support/percentile";

const print = (line = "") => console.log(line);
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

async function timed(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    await work();
    times.push(performance.now() - began);
  }
  return times;
}

const row = (what: string, times: number[]) =>
  print(
    `| ${what} | ${times.length} | ${ms(percentile(times, 0.5))} | ${ms(percentile(times, 0.95))} |`,
  );

const { memoryKiB, iterations, parallelism } = defaultKdfParams;
print(
  `Argon2id at ${memoryKiB} KiB, ${iterations} passes, parallelism ${parallelism} (the defaults).`,
);
print();
print("| work | runs | p50 | p95 |");
print("| --- | ---: | ---: | ---: |");

const salt = newSalt();
await deriveKey("warm-up", salt, defaultKdfParams);
row(
  "Argon2id, one at a time (a sign-in's or a receipt entry's extra work)",
  await timed(10, () => deriveKey(randomBytes(16).toString("hex"), salt, defaultKdfParams)),
);
row(
  "Argon2id, four at once (each of the four)",
  (
    await Promise.all(
      Array.from({ length: 4 }, () =>
        timed(5, () => deriveKey(randomBytes(16).toString("hex"), salt, defaultKdfParams)),
      ),
    )
  ).flat(),
);

const organization = await generateKeyPair();
const reportKey = newKey();
const context = "report-key:bench";
row(
  "seal a report's key to an organisation (submission, routing)",
  await timed(1000, () => sealKey(reportKey, organization.publicKey, context)),
);
const sealed = await sealKey(reportKey, organization.publicKey, context);
row(
  "open it with the organisation's private key",
  await timed(1000, () => openSealedKey(sealed, organization, context)),
);
// A report's fields as the page reads them: description, contact, place details and two names.
const fields = ["a".repeat(4000), "b".repeat(200), "c".repeat(500), "d.jpg", "e.pdf"].map(
  (text, i) => ({ aad: `report:bench:${i}`, value: encryptText(text, `report:bench:${i}`) }),
);
row(
  "open the key and decrypt five fields (a report page's extra work)",
  await timed(1000, async () => {
    await openSealedKey(sealed, organization, context);
    for (const field of fields) decryptText(field.value, field.aad);
  }),
);
