// Measures, on the database in DATABASE_URL (a throwaway one: scripts/bench-sealing.mjs):
//   - the report page's extra time for sealed content: finding the report's sealed key for the
//     session's organisation key, opening it (libsodium) and decrypting the fields with it, against
//     decrypting the same fields of a report under the server key (the target is at most 5 ms);
//   - a submission's cost: createReport with sealing (content key, sealed to the police) per
//     report, one at a time, against the sealing steps alone;
//   - the conversation: a reporter's message written under its thread's key (the first one makes
//     and seals the key), and the page reading a thread of ten messages under its key against the
//     same under the server key.
import { randomUUID } from "node:crypto";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { decryptText, encryptText } from "@/lib/crypto/encryption";
import { generateKeyPair, newKey, wrapKey } from "@/lib/crypto/sealing";
import { db } from "@/lib/db";
import { postReporterMessage } from "@/lib/followup/messages";
import { reporterKeyPair } from "@/lib/followup/reporter-keys";
import { openThreadKeys, threadName } from "@/lib/followup/thread-keys";
import { createReport } from "@/lib/reports/create-report";
import {
  contentReader,
  newContentKey,
  openContentKey,
  sealedReportKey,
} from "@/lib/reports/report-keys";
import { contactReportData } from "@/tests/support/case-data";
import { percentile } from "@/tests/support/percentile";

const print = (line = "") => console.log(line);
const ms = (value: number) => `${value.toFixed(2)} ms`;
const fields = ["description", "contact", "placeDetails", "closeReason"] as const;

async function timed(runs: number, work: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    await work(i);
    times.push(performance.now() - began);
  }
  return times;
}
const row = (what: string, times: number[]) =>
  print(
    `| ${what} | ${times.length} | ${ms(percentile(times, 0.5))} | ${ms(percentile(times, 0.95))} |`,
  );

const police = await db.organization.findUniqueOrThrow({ where: { slug: "police" } });
const pair = await generateKeyPair();
const organizationKeyId = randomUUID();
await db.organizationKey.create({
  data: {
    id: organizationKeyId,
    organizationId: police.id,
    version: 1,
    publicKey: new Uint8Array(pair.publicKey),
    recoveryWrappedPrivateKey: new Uint8Array(wrapKey(pair.privateKey, newKey(), "bench")),
  },
});
const keys = [{ ...pair, organizationKeyId, organizationId: police.id, version: 1 }];
const data = contactReportData(
  "Delavci na kmetiji pri Ptuju nimajo potnih listov. ".repeat(40),
  "Signal +386 40 111 222",
  "Kmetija ob cesti proti Ormožu",
  "podravska",
);

// Warm-up: libsodium, Prisma's connection pool, the JIT.
for (let i = 0; i < 20; i++) await createReport({ data, locale: "sl", submissionId: randomUUID() });

print("## Sealed reports: extra time on the report page and at submission");
print();
print("| What | Runs | p50 | p95 |");
print("| --- | ---: | ---: | ---: |");
const ids: string[] = [];
const receipts = new Map<string, string>();
const submissions = await timed(300, async () => {
  const created = await createReport({ data, locale: "sl", submissionId: randomUUID() });
  if (created.status === "created") {
    ids.push(created.reportId);
    receipts.set(created.reportId, created.receipt);
  }
});
row("Submission (createReport, sealed), one at a time", submissions);
row(
  "…of which sealing (content key, sealed to the police)",
  await timed(300, () =>
    sealedReportKey(randomUUID(), newContentKey(), {
      id: organizationKeyId,
      publicKey: pair.publicKey,
    }),
  ),
);

const reports = await db.report.findMany({
  where: { id: { in: ids } },
  omit: { description: false, contact: false, placeDetails: false, closeReason: false },
});
const sealedRead = await timed(reports.length, async (i) => {
  const report = reports[i]!;
  const read = contentReader(await openContentKey(report.id, keys));
  for (const field of fields) read.text(report[field], rowAad("Report", field, report.id));
});
row("Report page: open the sealed key (1 query + sealed box) and decrypt the fields", sealedRead);
const legacy = reports.map((report) => ({
  id: report.id,
  values: fields.map((field) =>
    report[field] === null
      ? null
      : encryptText("x".repeat(2000), rowAad("Report", field, report.id)),
  ),
}));
const legacyRead = await timed(legacy.length, async (i) => {
  const report = legacy[i]!;
  fields.forEach((field, j) => {
    const value = report.values[j];
    if (value) decryptText(value, rowAad("Report", field, report.id));
  });
});
row("Before: decrypt the same fields under the server key", legacyRead);

// The conversation: ten messages from the reporter in the police's thread of 100 reports.
const threaded = ids.slice(0, 100);
const reporterKeys = new Map<string, Awaited<ReturnType<typeof reporterKeyPair>>>();
for (const id of threaded) {
  const { reporterKeySalt } = await db.report.findUniqueOrThrow({
    where: { id },
    select: { reporterKeySalt: true },
  });
  reporterKeys.set(id, await reporterKeyPair(receipts.get(id)!, reporterKeySalt!));
}
const message = "Danes so jih spet odpeljali z belim kombijem ob šestih zjutraj. ".repeat(5);
const firstWrites = await timed(threaded.length, (i) =>
  postReporterMessage(threaded[i]!, message, [], undefined, reporterKeys.get(threaded[i]!)!),
);
row("A reporter's first message (makes and seals the thread key)", firstWrites);
const laterWrites: number[] = [];
for (let round = 0; round < 9; round++)
  laterWrites.push(
    ...(await timed(threaded.length, (i) =>
      postReporterMessage(threaded[i]!, message, [], undefined, reporterKeys.get(threaded[i]!)!),
    )),
  );
row("A later message (opens the thread key)", laterWrites);
const threadRows = await Promise.all(
  threaded.map((id) =>
    db.message.findMany({
      where: { reportId: id },
      select: { id: true, body: true, organizationId: true },
    }),
  ),
);
const threadRead = await timed(threaded.length, async (i) => {
  const threadKeys = await openThreadKeys(threaded[i]!, { organizationKeys: keys }, ["messages"]);
  for (const m of threadRows[i]!) {
    const read = contentReader(threadKeys.get(threadName(m.organizationId, "messages")) ?? null);
    read.text(m.body, rowAad("Message", "body", m.id));
  }
});
row("Report page: open the thread keys (1 query + sealed box) and read 10 messages", threadRead);
const legacyThreads = threadRows.map((rows) =>
  rows.map((m) => ({ id: m.id, body: encryptText(message, rowAad("Message", "body", m.id)) })),
);
const legacyThreadRead = await timed(threaded.length, async (i) => {
  for (const m of legacyThreads[i]!) decryptText(m.body, rowAad("Message", "body", m.id));
});
row("Before: read the same 10 messages under the server key", legacyThreadRead);
print();
const extra =
  percentile(sealedRead, 0.5) -
  percentile(legacyRead, 0.5) +
  percentile(threadRead, 0.5) -
  percentile(legacyThreadRead, 0.5);
print(
  `Extra time on the report page with its conversation (p50): ${ms(extra)} (target ≤ 5 ms); submissions one at a time: ${(1000 / percentile(submissions, 0.5)).toFixed(0)} per second.`,
);
await db.$disconnect();
