import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testUserAgent } from "../support/canaries";
import { startNextServer, type TestServer } from "../support/next-server";
import { multipart, type Part } from "../support/report-post";
import { createStaff, type TestStaff } from "../support/staff";

// Property: whatever a client sends to ANY server action (every id in the build's manifest), as a
// JavaScript action call or a form posted without JavaScript, with any arguments, envelope or
// content type, the server answers below 500, and everything it writes to its log is JSON that
// quotes none of it. The report form has its own, deeper property (submission-fuzz.test.ts).
// Reproduce a failure with the seed printed: FUZZ_SEED=<seed> node scripts/test.mjs http -- tests/http/action-fuzz.test.ts

const root = path.resolve(import.meta.dirname, "..", "..");
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const runs = Number(process.env.ACTION_FUZZ_RUNS ?? 1_500);
const timeLimitMs = 30_000;
const lanes = 4;
/** Put into payloads; must never reach the log. */
const canary = "ActionFuzzCanary7f3a";

type Action = { id: string; name: string; page: string };
let server: TestServer;
let actions: Action[];
let logFile: string;
const statuses = new Map<number, number>();
let staff: Promise<{ admin: TestStaff; triage: TestStaff }> | undefined;
/** One administrator and one triage officer for the whole file (enrolling costs seconds). */
const staffOnce = () =>
  (staff ??= Promise.all([createStaff("ADMIN"), createStaff("TRIAGE")]).then(([admin, triage]) => ({
    admin,
    triage,
  })));

/** Every action in the build, with a page that renders it ("/en/…", dynamic segments filled). */
function actionsFromManifest(): Action[] {
  const manifest = JSON.parse(
    readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { workers: Record<string, unknown>; exportedName?: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker =
      Object.keys(entry.workers).find((name) => name.endsWith("/page")) ??
      Object.keys(entry.workers)[0]!;
    const page = worker
      .replace(/^app/, "")
      .replace(/\/page$/, "")
      .replace(/\/\([^)]+\)/g, "")
      .replace("[locale]", "en")
      .replace(/\[[^\]]+\]/g, "3c632eb7-8968-4731-810c-2669d523bf9e");
    return { id, name: entry.exportedName ?? id.slice(0, 8), page: page || "/en" };
  });
}

const hostileText = fc.constantFrom(
  "",
  "\u0000",
  `${canary}\u0000`,
  "' OR 1=1 --",
  "$@1",
  "$K1",
  "$Q1",
  "$n1",
  "$D2026-01-01T00:00:00.000Z",
  "$undefined",
  "$$",
  "$",
  "$T",
  "$h1",
  "__proto__",
  "constructor",
  "😀".repeat(300),
  `${canary}@staff.test`,
  "1e308",
  "-0",
  "NaN",
  "a".repeat(3000),
);
const hex = (maxLength: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 1, maxLength });
const digits = (min: number, max: number) => fc.integer({ min, max }).map((n) => "9".repeat(n));
/** One "$"-reference as React's reply decoder reads it, from plausible to absurd. */
const reference = fc.oneof(
  digits(1, 420).map((d) => `$n${d}`),
  digits(1, 420).map((d) => `$n-${d}`),
  hex(40).map((h) => `$K${h}`),
  hex(40).map((h) => `$@${h}`),
  fc.string({ maxLength: 30 }).map((s) => `$D${s}`),
  fc.constantFrom("$Q0", "$W1", "$h0", "$T", "$i1", "$A1", "$B1", "$R1", "$r1", "$X1", "$Z", "$E1"),
);
const leaf = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  { weight: 3, arbitrary: reference },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 64, -0, 0.1),
  },
);
const { value: argument } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(
      fc.oneof(
        fc.string({ maxLength: 8 }),
        fc.constantFrom("__proto__", "then", "status", "$$typeof"),
      ),
      tie("value"),
      { maxKeys: 4 },
    ),
  ),
}));
/** The arguments' JSON as sent: lists (right and wrong length), other JSON, deep nesting, junk. */
const argumentsText = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.array(argument, { maxLength: 4 }).map((list) => JSON.stringify(list)),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "[null,{}]",
      "[null,null]",
      "[]",
      "[{}]",
      '[null,"$K1"]',
      '[{},"$K1"]',
      "[null,1e999]",
      `[null,${"9".repeat(400)}]`,
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 17, max: 3_000 })
      .map((depth) => `${"[".repeat(depth)}null${"]".repeat(depth)}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 20, max: 300 })
      .map((n) => `[${Array.from({ length: n }, (_, i) => `"$n${"1".repeat(n)}${i}"`).join(",")}]`),
  },
  { weight: 1, arbitrary: fc.oneof(fc.json(), fc.string({ maxLength: 200 }), hostileText) },
);
const fieldName = fc.oneof(
  fc.constantFrom(
    "email",
    "password",
    "code",
    "kind",
    "token",
    "receipt",
    "body",
    "userId",
    "reportId",
    "referralId",
    "status",
    "$ACTION_KEY",
    "0",
    "1",
    "_1_email",
    "_1_receipt",
    "_1_body",
  ),
  fc.string({ maxLength: 12 }),
);
const oddPart: fc.Arbitrary<Part> = fc.record({
  name: fieldName,
  value: fc.oneof(hostileText, fc.uint8Array({ maxLength: 64 }), fc.string({ maxLength: 100 })),
  filename: fc.option(fc.constantFrom("x.bin", "../../etc/passwd", `${canary}.pdf`, ""), {
    nil: undefined,
  }),
});

type Request = { headers: Record<string, string>; body: Uint8Array | string | undefined };

const request = (actions: Action[]) =>
  fc.record({
    action: fc.constantFrom(...actions),
    kind: fc.constantFrom(
      "call-text",
      "call-multipart",
      "call-type",
      "form-id",
      "form-ref",
      "junk",
    ),
    args: argumentsText,
    parts: fc.array(oddPart, { maxLength: 6 }),
    contentType: fc.constantFrom(
      "application/json",
      "application/x-www-form-urlencoded",
      "multipart/form-data",
      "multipart/form-data; boundary=",
      "text/x-component",
      "",
    ),
    junk: fc.oneof(fc.uint8Array({ maxLength: 400 }), fc.string({ maxLength: 400 })),
    routerState: fc.option(
      fc.oneof(
        fc.constantFrom("%", "[", "x".repeat(50_000), '["",{}]'),
        fc.string({ maxLength: 50 }),
      ),
      { freq: 4, nil: undefined },
    ),
    otherPage: fc.option(
      fc.constantFrom(
        "/uk",
        "/sl/help",
        "/en/sign-in",
        "/api/health",
        "/en/dashboard/reports?after=%00",
      ),
      { freq: 6, nil: undefined },
    ),
  });
type Fuzzed = typeof request extends (a: Action[]) => fc.Arbitrary<infer T> ? T : never;

function build(p: Fuzzed): Request {
  const base = { Origin: server.url, "User-Agent": testUserAgent };
  const call = {
    ...base,
    "Next-Action": p.action.id,
    Accept: "text/x-component",
    ...(p.routerState === undefined ? {} : { "Next-Router-State-Tree": p.routerState }),
  };
  switch (p.kind) {
    case "call-text":
      return { headers: { ...call, "Content-Type": "text/plain;charset=UTF-8" }, body: p.args };
    case "call-multipart": {
      const { body, contentType } = multipart([{ name: "0", value: p.args }, ...p.parts]);
      return { headers: { ...call, "Content-Type": contentType }, body };
    }
    case "call-type":
      return {
        headers: { ...call, ...(p.contentType ? { "Content-Type": p.contentType } : {}) },
        body: p.args,
      };
    case "form-id": {
      const { body, contentType } = multipart([
        { name: `$ACTION_ID_${p.action.id}`, value: "" },
        ...p.parts,
      ]);
      return { headers: { ...base, "Content-Type": contentType }, body };
    }
    case "form-ref": {
      const envelope: Part[] = [
        { name: "$ACTION_REF_1", value: "" },
        { name: "$ACTION_1:0", value: JSON.stringify({ id: p.action.id, bound: "$@1" }) },
        { name: "$ACTION_1:1", value: p.args },
        { name: "$ACTION_KEY", value: "k0123456789abcdef" },
      ];
      const { body, contentType } = multipart([...envelope, ...p.parts]);
      return { headers: { ...base, "Content-Type": contentType }, body };
    }
    case "junk":
      return {
        headers: { ...call, ...(p.contentType ? { "Content-Type": p.contentType } : {}) },
        body: typeof p.junk === "string" ? p.junk : p.junk,
      };
  }
}

async function send(p: Fuzzed): Promise<number> {
  const { headers, body } = build(p);
  const response = await fetch(`${server.url}${p.otherPage ?? p.action.page}`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : body && Uint8Array.from(body),
    redirect: "manual",
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Next.js's start-up banner is printed by its command line before the app's code loads (and the
 * line about next.config.ts when the first request arrives); everything else must be ours.
 */
const banner = [
  /^▲ Next\.js \d/,
  /^- (Local|Network|Environments?):/,
  /^✓ (Ready in|Starting|Running next\.config)/,
  /^\s*$/,
];

function serverLog(): string[] {
  return readFileSync(logFile, "utf8")
    .split("\n")
    .filter((line) => !banner.some((pattern) => pattern.test(line)));
}

beforeAll(async () => {
  actions = actionsFromManifest();
  // Generous limits: the fuzz must reach the actions, not stop at a limit (and spend no budget
  // another test's server could share), nor wait for an upload slot or a wrong receipt's delay.
  server = await startNextServer("http-action-fuzz", {
    INSECURE_COOKIES: "1",
    RATE_LIMIT_FOLLOW_UP_PER_HOUR: "1000000",
    RATE_LIMIT_REPLIES_PER_HOUR: "1000000",
    RATE_LIMIT_WRONG_RECEIPT_DELAY_MS: "1",
    UPLOAD_SLOTS: "64",
  });
  logFile = path.join(
    process.env.SERVER_LOG_DIR ?? path.join(root, "test-results", "server-logs"),
    "http-action-fuzz.log",
  );
}, 120_000);
afterAll(() => server?.stop());

describe("every server action, under malformed calls", () => {
  it("finds every action of the app in the build", () => {
    const names = actions.map((action) => action.name);
    for (const name of [
      "submitReportAction",
      "enterReceiptAction",
      "replyAction",
      "signInAction",
      "verifySecondFactorAction",
      "acceptInvitationAction",
      "confirmEnrolmentAction",
      "routeReportAction",
      "inviteStaffAction",
    ]) {
      expect(names, name).toContain(name);
    }
  });

  it.each([
    ["signInAction", "[null,{}]"],
    ["verifySecondFactorAction", "[null,{}]"],
    ["acceptInvitationAction", "[null,{}]"],
    ["startEnrolmentAction", "[null]"],
    ["inviteStaffAction", "[]"],
    ["submitReportAction", `[null,"$n${"9".repeat(350)}"]`],
    ["enterReceiptAction", `["$n-${"1".repeat(300)}",{}]`],
  ])("%s with %s is refused without a 5xx", async (name, args) => {
    const action = actions.find((candidate) => candidate.name === name)!;
    const status = await send({
      action,
      kind: "call-text",
      args,
      parts: [],
      contentType: "",
      junk: "",
      routerState: undefined,
      otherPage: undefined,
    });
    expect(status).toBeLessThan(500);
  });

  it("answers generated envelopes and arguments for every action below 500", async () => {
    const perLane = Math.ceil(runs / lanes);
    const began = Date.now();
    await Promise.all(
      Array.from({ length: lanes }, (_, lane) =>
        fc.assert(
          fc.asyncProperty(request(actions), async (p) => {
            const status = await send(p);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            expect(
              status,
              `${p.action.name} ${p.kind} ${JSON.stringify(p).slice(0, 400)}`,
            ).toBeLessThan(500);
          }),
          {
            numRuns: perLane,
            seed: seed + lane,
            endOnFailure: true,
            interruptAfterTimeLimit: timeLimitMs,
          },
        ),
      ),
    );
    const sent = [...statuses.values()].reduce((a, b) => a + b, 0);
    console.log(
      `action fuzz: seed ${seed}, ${actions.length} actions, ${sent} requests in ${((Date.now() - began) / 1000).toFixed(1)} s, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(sent).toBeGreaterThan(200);
  }, 120_000);

  it("a list cursor or filter from the address bar is never a server error", async () => {
    const { admin, triage } = await staffOnce();
    const cookie = (headers: Headers) => ({
      Cookie: headers.get("cookie") ?? "",
      "User-Agent": testUserAgent,
    });
    const notUuid = Buffer.from(
      JSON.stringify({ urgency: "HIGH", createdAt: "2026-01-01T00:00:00.000Z", id: canary }),
    ).toString("base64url");
    const queries = [
      `/en/dashboard/reports?after=${notUuid}`,
      "/en/dashboard/reports?after=%00&from=2026-02-30&to=0000-01-01&reference=%00",
      "/en/dashboard/reports?status=x&urgency=%00&form[]=1&minors=&locale=de",
      `/en/dashboard/audit?before=${"9".repeat(300)}&from=2026-13-01&actor=%00${canary}&action=%00`,
      "/en/dashboard/audit?before=9223372036854775808&reference=TR-2026-99999999999",
    ];
    // Each page as the role that may read it (the reports list: triage; the audit log: admin).
    for (const query of queries) {
      const caller = query.includes("/audit") ? admin : triage;
      const response = await fetch(`${server.url}${query}`, { headers: cookie(caller.headers) });
      expect(response.status, query).toBeLessThan(500);
      await response.arrayBuffer();
    }
    expect(
      (
        await fetch(`${server.url}/en/dashboard/reports?after=${notUuid}`, {
          headers: cookie(triage.headers),
        })
      ).status,
    ).toBe(200);
  }, 60_000);

  it("left only JSON lines in the server's log, none quoting what was sent", () => {
    const lines = serverLog();
    // The fuzz above did make the server log (refusals, failures), so this checks something.
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      let parsed: unknown;
      expect(() => (parsed = JSON.parse(line)), line.slice(0, 300)).not.toThrow();
      expect(typeof parsed).toBe("object");
      expect(line).not.toContain(canary);
      expect(line).not.toMatch(/9{40}/);
    }
  });
});

describe("/api/health", () => {
  it("tells the public only that the app is up, and an administrator the details", async () => {
    const anonymous = await fetch(`${server.url}/api/health`);
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ status: "ok" });

    const { admin, triage } = await staffOnce();
    const asTriage = await fetch(`${server.url}/api/health`, {
      headers: { Cookie: triage.headers.get("cookie") ?? "" },
    });
    expect(await asTriage.json()).toEqual({ status: "ok" });

    const asAdmin = await fetch(`${server.url}/api/health`, {
      headers: { Cookie: admin.headers.get("cookie") ?? "" },
    });
    expect(asAdmin.status).toBe(200);
    const body = await asAdmin.json();
    expect(body).toMatchObject({ status: "ok", database: "ok" });
    expect(body.outbox.backlog).toBeGreaterThanOrEqual(0);
    expect(body.outbox.oldestPendingSeconds).toBeGreaterThanOrEqual(0);
  }, 60_000);
});
