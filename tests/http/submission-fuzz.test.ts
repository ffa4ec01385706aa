import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { triage } from "@/lib/triage";
import { reportSchema } from "@/lib/validation/report";
import { startNextServer, type TestServer } from "../support/next-server";
import { questionOptions } from "../support/question-options";
import {
  actionFields,
  postActionCall,
  postForm,
  receiptIn,
  scrapeForm,
  type Part,
  type ScrapedForm,
} from "../support/report-post";
import { receiptHashOf, storedReports } from "../support/stored-reports";

// Property: whatever a client posts to the report action over HTTP, the server answers without a
// 5xx, and every report it stores passes the one schema (read back from PostgreSQL, decrypted)
// and carries the urgency and route the triage rules give its answers. 5,000 payloads, mostly a
// valid report bent in one to three places, some pure noise, some with a forged envelope.
// Reproduce a failure with the seed fast-check prints: FUZZ_SEED=<seed> node scripts/test.mjs http

const runs = Number(process.env.FUZZ_RUNS ?? 5_000);
const lanes = 6; // concurrent properties, each with its own seed, so 2 cores stay busy
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

const hostile = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "' OR '1'='1'; --",
  '"; DROP TABLE "Report"; --',
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "{{7*7}}",
  "${7*7}",
  "%s%s%s%n",
  "../../../etc/passwd",
  "$@1",
  "$$",
  "$K1",
  "$Q2",
  "$undefined",
  "__proto__",
  "constructor",
  "\uFEFF",
  "\u202E\u202D",
  "\r\n\r\n",
  "\r\n--",
  "😀".repeat(1500),
  "ﷺ".repeat(2600),
  "a".repeat(5001),
  "\t\n\v\f\r ".repeat(30),
  "NaN",
  "-0",
  "null",
  "true",
  "[]",
  "{}",
  "1e308",
  "2026-02-30",
  "2026-13-01",
  "9999-12-31",
  "1949-12-31",
  "0000-00-00",
  "2026-01-01T00:00:00Z",
  "yes",
  "YES",
  "CRITICAL",
  "CLOSED",
  "labour\u0000",
  " labour ",
  "labour,sexual",
  "Ｌabour",
  "sl\u0000",
  "EN",
  "uk-UA",
];

const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 400 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 4_500, maxLength: 5_200 }) },
  { weight: 3, arbitrary: fc.constantFrom(...hostile) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
);
/** Bytes that are not UTF-8 at all, which a FormData object could not even carry. */
const rawBytes = fc.uint8Array({ maxLength: 120 });
const anyValue = fc.oneof({ weight: 5, arbitrary: text }, { weight: 1, arbitrary: rawBytes });

/** One field: usually its valid value, sometimes missing, noise, repeated or raw bytes. */
function field(valid: fc.Arbitrary<string>): fc.Arbitrary<(string | Uint8Array)[]> {
  return fc.oneof(
    { weight: 60, arbitrary: valid.map((value) => [value]) },
    { weight: 1, arbitrary: fc.constant<(string | Uint8Array)[]>([]) },
    { weight: 1, arbitrary: anyValue.map((value) => [value]) },
    { weight: 1, arbitrary: fc.array(fc.oneof(valid, anyValue), { minLength: 2, maxLength: 4 }) },
  );
}

function listField(
  values: readonly string[],
  minLength: number,
): fc.Arbitrary<(string | Uint8Array)[]> {
  return fc.oneof(
    { weight: 40, arbitrary: fc.subarray([...values], { minLength }) },
    { weight: 1, arbitrary: fc.array(anyValue, { maxLength: 40 }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...values), { maxLength: 60 }) },
  );
}

const isoDate = fc
  .date({ min: new Date("1950-01-01T00:00:00Z"), max: new Date(), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const description = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 12, maxLength: 600 }),
  fc.string({ unit: "grapheme-ascii", minLength: 12, maxLength: 2_000 }),
  fc.constantFrom(
    "Delavci nimajo dokumentov in ne smejo oditi.",
    "Дівчину тримають у квартирі, телефон забрали.",
  ),
);

const oneOf = (question: keyof typeof questionOptions) =>
  field(fc.constantFrom<string>(...questionOptions[question]));
const reportFields = fc.record({
  forms: listField(questionOptions.forms, 1),
  indicators: listField(questionOptions.indicators, 0),
  region: oneOf("region"),
  placeDetails: field(fc.string({ unit: "grapheme", maxLength: 200 })),
  whenPeriod: oneOf("whenPeriod"),
  whenDate: field(fc.oneof(fc.constant(""), isoDate)),
  peopleCount: oneOf("peopleCount"),
  minors: oneOf("minors"),
  immediateDanger: oneOf("immediateDanger"),
  reporterRole: oneOf("reporterRole"),
  description: field(description),
  contactChoice: oneOf("contactChoice"),
  contact: field(fc.string({ unit: "grapheme", maxLength: 120 })),
});

const envelopeChange = fc.oneof(
  { weight: 24, arbitrary: fc.constant({ kind: "intact" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("state" as const), value: fc.oneof(fc.json(), text) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("descriptor" as const),
      value: fc.oneof(fc.json(), text),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("drop" as const),
      name: fc.constantFrom("$ACTION_REF_1", "$ACTION_1:0", "$ACTION_1:1", "$ACTION_KEY"),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("extra" as const),
      name: fc.constantFrom("$ACTION_ID_00", "$ACTION_REF_2", "$ACTION_9:9", "$ACTION_X"),
      value: text,
    }),
  },
);

const payload = fc.record({
  fields: reportFields,
  submissionId: fc.oneof({ weight: 10, arbitrary: fc.uuid() }, { weight: 1, arbitrary: anyValue }),
  locale: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom("sl", "en", "uk") },
    { weight: 1, arbitrary: anyValue },
  ),
  honeypot: fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: text }),
  extra: fc.array(
    fc.tuple(
      fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.constantFrom("status", "urgency", "number", "id", "receiptHash", "__proto__"),
      ),
      anyValue,
    ),
    { maxLength: 4 },
  ),
  asFile: fc.oneof(
    { weight: 19, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.constantFrom("description", "forms", "submissionId", "$ACTION_1:1"),
    },
  ),
  envelope: envelopeChange,
  // An action can be posted to any page; only pages that render the form know it (others: 409).
  // A quarter are sent as React sends the form with JavaScript on (an action call with RSC back),
  // sometimes with the call's arguments (field "0") replaced or missing.
  call: fc.oneof(
    { weight: 9, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.constant({ root: "intact" as const }) },
    {
      weight: 1,
      arbitrary: fc.record({
        root: fc.oneof(
          fc.json().map((json) => json as string | null),
          text,
          fc.constant(null),
        ),
      }),
    },
  ),
  path: fc.oneof(
    { weight: 30, arbitrary: fc.constantFrom("/en/report", "/sl/report", "/uk/report") },
    { weight: 1, arbitrary: fc.constantFrom("/en/help", "/uk") },
  ),
});
type Payload = typeof payload extends fc.Arbitrary<infer T> ? T : never;

let server: TestServer;
let form: ScrapedForm;
let hidden: [string, string][];
const receipts: string[] = [];
const statuses = new Map<number, number>();

function partsOf(p: Payload): Part[] {
  const submissionId =
    typeof p.submissionId === "string" ? p.submissionId : "00000000-0000-4000-8000-000000000000";
  const parts: Part[] = actionFields(hidden, submissionId).map(([name, value]) => ({
    name,
    value,
  }));
  const envelope = p.envelope;
  if (envelope.kind === "state")
    parts.find((part) => part.name === "$ACTION_1:1")!.value =
      typeof envelope.value === "string" ? envelope.value : JSON.stringify(envelope.value);
  if (envelope.kind === "descriptor")
    parts.find((part) => part.name === "$ACTION_1:0")!.value =
      typeof envelope.value === "string" ? envelope.value : JSON.stringify(envelope.value);
  if (envelope.kind === "drop")
    parts.splice(
      parts.findIndex((part) => part.name === envelope.name),
      1,
    );
  if (envelope.kind === "extra") parts.push({ name: envelope.name, value: envelope.value });
  parts.push({ name: "submissionId", value: p.submissionId }, { name: "locale", value: p.locale });
  if (p.honeypot !== null) parts.push({ name: "extra_reference_url", value: p.honeypot });
  for (const [name, values] of Object.entries(p.fields))
    for (const value of values) parts.push({ name, value });
  for (const [name, value] of p.extra) parts.push({ name, value });
  if (p.asFile) for (const part of parts) if (part.name === p.asFile) part.filename = "x.bin";
  return parts;
}

beforeAll(async () => {
  server = await startNextServer("http-fuzz");
  form = await scrapeForm(server.url);
  hidden = form.hidden;
}, 90_000);
afterAll(() => server?.stop());

describe("the report action over HTTP, under 5,000 malformed and hostile posts", () => {
  it("never answers with a 5xx", async () => {
    const perLane = Math.ceil(runs / lanes);
    await Promise.all(
      Array.from({ length: lanes }, (_, lane) =>
        fc.assert(
          fc.asyncProperty(payload, async (p) => {
            const parts = partsOf(p);
            const submissionId = typeof p.submissionId === "string" ? p.submissionId : "";
            const response = p.call
              ? await postActionCall(
                  server.url,
                  p.path,
                  form,
                  parts,
                  p.call.root === "intact"
                    ? JSON.stringify([{ status: "idle", submissionId }, "$K1"])
                    : p.call.root,
                )
              : await postForm(server.url, p.path, parts);
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            expect(response.status, `status for ${JSON.stringify(p).slice(0, 300)}`).toBeLessThan(
              500,
            );
            expect(response.contentType).toMatch(
              /^(text\/(html|plain|x-component)|application\/json)/,
            );
            const receipt = receiptIn(response.html);
            // A filled honeypot gets a receipt that was never stored (the bot must not notice).
            const honeypotFilled =
              p.honeypot !== null && (typeof p.honeypot !== "string" || p.honeypot.length > 0);
            if (receipt && !honeypotFilled) receipts.push(receipt);
          }),
          { numRuns: perLane, seed: seed + lane, endOnFailure: true },
        ),
      ),
    );
    console.log(
      `fuzz: seed ${seed}, ${lanes * perLane} posts, statuses ${JSON.stringify(Object.fromEntries(statuses))}, ${receipts.length} reports stored`,
    );
    // The generator must still produce real reports, or the checks below would prove nothing.
    expect(receipts.length).toBeGreaterThan(runs / 10);
  }, 600_000);

  it("stored nothing that fails the schema, and one row for every receipt shown", async () => {
    const reports = await storedReports();
    const byHash = new Map(reports.map((report) => [report.receiptHash.trim(), report]));
    const fuzzed = new Set(receipts.map(receiptHashOf));
    for (const receipt of receipts)
      expect(byHash.has(receiptHashOf(receipt)), `no row for a receipt shown`).toBe(true);
    expect(new Set(receipts).size).toBe(receipts.length);

    for (const report of reports) {
      const parsed = reportSchema.safeParse(report.input);
      expect(
        parsed.success,
        `report ${report.id}: ${parsed.success ? "" : JSON.stringify(parsed.error.issues)}`,
      ).toBe(true);
      if (!parsed.success) continue;
      // Stored values are the cleaned ones: parsing them again changes nothing.
      expect(parsed.data.description).toBe(report.input.description);
      expect(parsed.data.contact).toBe(report.input.contact);
      expect(["sl", "en", "uk"]).toContain(report.locale);
      // Reports from this run are untouched; the browser tests before it route and close theirs.
      if (fuzzed.has(report.receiptHash.trim())) expect(report.status).toBe("NEW");
      const expected = triage({ ...parsed.data, locale: report.locale });
      expect({ urgency: report.urgency, route: report.suggestedRoute }).toEqual({
        urgency: expected.urgency,
        route: expected.suggestedRoute,
      });
    }
  }, 120_000);
});
