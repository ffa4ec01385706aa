import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorPage, localeOfPath } from "@/lib/http/error-page";
import uk from "@/messages/uk.json";
import { isWellFormedActionCall, isWellFormedActionEnvelope } from "@/lib/security/action-envelope";

// What React renders into the report form for a no-JavaScript post (copied from /en/report).
const rendered: [string, string][] = [
  ["$ACTION_REF_1", ""],
  ["$ACTION_1:0", '{"id":"7fa0aa08ba2fe6c995efcc96f8a2fa0fb551e64a6a","bound":"$@1"}'],
  ["$ACTION_1:1", '[{"status":"idle","submissionId":"3c632eb7-8968-4731-810c-2669d523bf9e"}]'],
  ["$ACTION_KEY", "kf12931b0eada61e1f91f42ece06fef61"],
  ["submissionId", "3c632eb7-8968-4731-810c-2669d523bf9e"],
  ["description", '{"not":"checked here"} $@1 [['],
];

function form(
  fields: [string, string | Blob][],
  changes: Record<string, string | null> = {},
): FormData {
  const data = new FormData();
  for (const [name, value] of fields) if (!(name in changes)) data.append(name, value);
  for (const [name, value] of Object.entries(changes)) if (value !== null) data.append(name, value);
  return data;
}

describe("the hidden action fields of a form posted without JavaScript", () => {
  it("are accepted as React renders them, including a previous state with escaped $-text", () => {
    expect(isWellFormedActionEnvelope(form(rendered))).toBe(true);
    const afterError = JSON.stringify([
      {
        status: "error",
        values: { description: "$$100 a day", forms: ["labour"] },
        x: "$undefined",
      },
    ]);
    expect(isWellFormedActionEnvelope(form(rendered, { "$ACTION_1:1": afterError }))).toBe(true);
    expect(
      isWellFormedActionEnvelope(
        form([
          ["$ACTION_ID_7fa0aa08ba2fe6c995efcc96f8a2fa0fb551e64a6a", ""],
          ["a", "b"],
        ]),
      ),
    ).toBe(true);
    // A post that is not an action at all is Next's business, not a forgery.
    expect(isWellFormedActionEnvelope(form([["a", "b"]]))).toBe(true);
  });

  it.each([
    ["state that is not JSON", { "$ACTION_1:1": "not json" }],
    ["descriptor that is not JSON", { "$ACTION_1:0": "{bad" }],
    ["descriptor without an id", { "$ACTION_1:0": '{"bound":"$@1"}' }],
    ["id that is not hex", { "$ACTION_1:0": '{"id":"../../etc","bound":"$@1"}' }],
    ["bound arguments that point nowhere", { "$ACTION_1:0": '{"id":"7fa0","bound":"$@9"}' }],
    [
      "bound arguments pointing at the descriptor",
      { "$ACTION_1:0": '{"id":"7fa0","bound":"$@0"}' },
    ],
    ["bound arguments that are not a list", { "$ACTION_1:1": '{"status":"idle"}' }],
    ["a reference hidden in the state", { "$ACTION_1:1": '[{"status":"$@2"}]' }],
    ["a form-data reference", { "$ACTION_1:1": '["$K1"]' }],
    ["a reference beside the id", { "$ACTION_1:0": '{"id":"7fa0","bound":"$@1","x":"$Q2"}' }],
    ["a deeply nested state", { "$ACTION_1:1": `${"[".repeat(40)}1${"]".repeat(40)}` }],
    ["a second action reference", { $ACTION_REF_2: "" }],
    ["an unknown action field", { $ACTION_SOMETHING: "x" }],
    ["an action id with a value", { $ACTION_ID_abc: "1" }],
    ["a reference with a value", { $ACTION_REF_1: "1" }],
    ["an oversized key", { $ACTION_KEY: "k".repeat(500) }],
  ])("are refused with %s", (_label, changes) => {
    expect(isWellFormedActionEnvelope(form(rendered, changes))).toBe(false);
  });

  it("are refused when a field repeats or carries a file", () => {
    expect(isWellFormedActionEnvelope(form([...rendered, ["$ACTION_1:1", "[]"]]))).toBe(false);
    expect(
      isWellFormedActionEnvelope(
        form([...rendered.slice(0, 2), ["$ACTION_1:1", new Blob(["[]"])]]),
      ),
    ).toBe(false);
  });
});

describe("the body of an action called from JavaScript", () => {
  const multipartBody = async (fields: [string, string][]) => {
    const data = new FormData();
    for (const [name, value] of fields) data.append(name, value);
    const request = new Request("http://x/", { method: "POST", body: data });
    return { contentType: request.headers.get("content-type")!, body: await request.arrayBuffer() };
  };
  const text = (value: string) => new TextEncoder().encode(value).buffer as ArrayBuffer;

  it("is accepted as React sends it: the arguments as a JSON array, in field 0 or as the whole body", async () => {
    const call = await multipartBody([
      ["_1_description", "…"],
      ["0", '[{"status":"idle"},"$K1"]'],
    ]);
    expect(await isWellFormedActionCall(call.contentType, call.body)).toBe(true);
    expect(await isWellFormedActionCall("text/plain;charset=UTF-8", text('["a",1]'))).toBe(true);
  });

  it("is refused when a part has no name (React's decoder throws on one)", async () => {
    const call = await multipartBody([
      ["0", '[{"status":"idle"},"$K1"]'],
      ["", "x"],
    ]);
    expect(await isWellFormedActionCall(call.contentType, call.body)).toBe(false);
    expect(isWellFormedActionEnvelope(form(rendered, { "": "x" }))).toBe(false);
  });

  it("is refused when a second text part names a chunk already read (React's streaming decoder throws)", async () => {
    for (const name of [" ", "00", "0x0", "1e0", "S0", "-0", " 1"]) {
      const call = await multipartBody([
        ["0", '[{"status":"idle"},"$K1"]'],
        [name, "x"],
        ...(name.trim() === "1" ? ([["1", "y"]] as [string, string][]) : []),
      ]);
      expect(await isWellFormedActionCall(call.contentType, call.body), name).toBe(false);
    }
    const promised = await multipartBody([
      ["0", '["$@1"]'],
      ["1", '"x"'],
    ]);
    expect(await isWellFormedActionCall(promised.contentType, promised.body)).toBe(true);
  });

  it("is refused when the arguments are missing, repeated, not JSON or not a list", async () => {
    for (const fields of [
      [["_1_x", "y"]],
      [["0", "{bad"]],
      [["0", '"x"']],
      [
        ["0", "[]"],
        ["0", "[]"],
      ],
    ] as [string, string][][]) {
      const call = await multipartBody(fields);
      expect(
        await isWellFormedActionCall(call.contentType, call.body),
        JSON.stringify(fields),
      ).toBe(false);
    }
    expect(await isWellFormedActionCall("text/plain", text("{}"))).toBe(false);
    expect(await isWellFormedActionCall("text/plain", text(""))).toBe(false);
  });

  it("lets through the references React writes for our actions' values, and no others", async () => {
    const ok = [
      '"$$100 a day"',
      '"$undefined"',
      '"$K1"',
      '"$@2"',
      '"$D2026-11-23T12:00:00.000Z"',
      '"$n123"',
      '"$NaN"',
      '"$-Infinity"',
    ];
    for (const value of ok)
      expect(await isWellFormedActionCall("text/plain", text(`[{"v":${value}}]`)), value).toBe(
        true,
      );
    const forged = ['"$k\\\\XA"', '"$H:+"', '"$Q1"', '"$B2"', '"$Kzz"', '"$"', '"$D-tomorrow"'];
    for (const value of forged)
      expect(await isWellFormedActionCall("text/plain", text(`[{"v":${value}}]`)), value).toBe(
        false,
      );
  });
});

describe("the limits React's decoder enforces (beyond them Next.js answers 500)", () => {
  const text = (value: string) => new TextEncoder().encode(value).buffer as ArrayBuffer;
  const call = (json: string) => isWellFormedActionCall("text/plain", text(json));

  it("lets a big integer of up to 300 characters through, sign included, and no longer", async () => {
    expect(await call(`["$n${"9".repeat(300)}"]`)).toBe(true);
    expect(await call(`["$n-${"9".repeat(299)}"]`)).toBe(true);
    expect(await call(`["$n-${"9".repeat(300)}"]`)).toBe(false);
    for (const digits of [301, 350, 400, 5_000])
      expect(await call(`[null,"$n${"1".repeat(digits)}"]`), String(digits)).toBe(false);
    expect(await call('["$n"]')).toBe(false);
    expect(await call('["$n1e5"]')).toBe(false);
  });

  it("refuses absurd references and oversized escaped text, and arrays past the slot budget", async () => {
    for (const value of [
      '"$K123456789"',
      '"$@123456789"',
      '"$Kxyz"',
      '"$@-1"',
      '"$D2026-01-01"',
      '"$n12 "',
    ]) {
      expect(await call(`[${value}]`), value).toBe(false);
    }
    expect(await call(`["$$${"a".repeat(200_000)}",1]`)).toBe(false);
    expect(await call(`[[${"0,".repeat(150_000)}0]]`)).toBe(false);
    // What a real report form sends stays far inside.
    expect(await call(`[{"values":{"description":"$$${"a".repeat(5_000)}"}},"$K1"]`)).toBe(true);
  });

  it("applies the same budget to the bound state of a form posted without JavaScript", () => {
    const big = JSON.stringify([{ values: { description: `$$${"a".repeat(200_000)}` } }]);
    expect(isWellFormedActionEnvelope(form(rendered, { "$ACTION_1:1": big }))).toBe(false);
    const wide = JSON.stringify([{ values: { forms: Array.from({ length: 150_000 }, () => 0) } }]);
    expect(isWellFormedActionEnvelope(form(rendered, { "$ACTION_1:1": wide }))).toBe(false);
  });

  it("never throws, whatever JSON arrives, and accepts only arrays", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 20 }), async (value) => {
        const accepted = await call(JSON.stringify(value));
        if (accepted) expect(Array.isArray(value)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the page proxy.ts answers a refused post with", () => {
  it("is in the language of the path and loads nothing", () => {
    const page = errorPage("tooLarge", localeOfPath("/uk/report"));
    expect(page).toContain('<html lang="uk">');
    expect(page).toContain(`<h1>${uk.Errors.tooLargeTitle}</h1>`);
    expect(page).toContain('href="/uk/report"');
    expect(page).toContain('href="tel:113"');
    // A way out, as on every page: the plain quick-exit link.
    expect(page).toContain(`${uk.Layout.quickExit}</a>`);
    expect(page).not.toMatch(/<script|<link|<style|src=/);
    expect(errorPage("unreadable", localeOfPath("/sl/report"))).toContain(
      "Obrazca nismo mogli prebrati",
    );
    expect(localeOfPath("/de/report")).toBe("sl");
    expect(localeOfPath("/")).toBe("sl");
  });
});
