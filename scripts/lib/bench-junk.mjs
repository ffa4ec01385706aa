// What junk costs (scripts/bench.mjs): the CPU of a refused or invalid post as a share of a valid
// submission's, and the genuine reporter's latency while one client floods the server.
import { randomBytes, randomUUID } from "node:crypto";
import { noJsActionBody, scrapeReportForm } from "./bench-forms.mjs";
import { load, ms, percentile } from "./bench-util.mjs";
import { hiddenFieldsOfForm } from "./rendered-forms.mjs";

/** The hidden fields of the follow-up page's receipt form. */
async function scrapeReceiptForm(url) {
  const html = await (await fetch(`${url}/en/follow-up`)).text();
  const hidden = hiddenFieldsOfForm(html, "receipt");
  if (!hidden) throw new Error("no receipt form on /en/follow-up");
  return hidden;
}

const withFields = (body, entries) => {
  for (const [name, value] of entries) body.set(name, value);
  return body;
};

export async function junkCost(url, pid, { print, log, measured }) {
  log("what junk costs");
  const form = await scrapeReportForm(url, "/en/report");
  const receiptForm = await scrapeReceiptForm(url);
  const post = async (body) => {
    const response = await fetch(`${url}/en/report`, {
      method: "POST",
      body,
      headers: { Origin: url },
    });
    const html = await response.text();
    return html.includes('data-testid="receipt-code"')
      ? `${response.status} receipt`
      : `${response.status} form back`;
  };
  const valid = () => post(noJsActionBody(form, randomUUID()).body);
  const stored = randomUUID();
  await post(noJsActionBody(form, stored).body);
  const kinds = [
    ["valid report (the reference)", valid],
    [
      "invalid (description missing)",
      () => post(withFields(noJsActionBody(form, randomUUID()).body, [["description", ""]])),
    ],
    [
      "honeypot filled",
      () =>
        post(
          withFields(noJsActionBody(form, randomUUID()).body, [
            ["extra_reference_url", "https://spam.example/"],
          ]),
        ),
    ],
    ["duplicate (a form already stored)", () => post(noJsActionBody(form, stored).body)],
    [
      "refused file (an executable named .jpg) on an invalid form",
      () => {
        const body = withFields(noJsActionBody(form, randomUUID()).body, [["description", ""]]);
        body.append(
          "attachments",
          new Blob([Buffer.concat([Buffer.from("MZ\x90\x00"), randomBytes(16 * 1024)])]),
          "photo.jpg",
        );
        return post(body);
      },
    ],
    [
      "too many files (refused before reading)",
      () => {
        const body = noJsActionBody(form, randomUUID()).body;
        for (let i = 0; i < 12; i++)
          body.append("attachments", new Blob([randomBytes(512)]), `f${i}.jpg`);
        return post(body);
      },
    ],
  ];
  // Not junk: what the page with the whole form costs to render on its own, which is what any post
  // answered with the form back (without JavaScript) costs at the least.
  const formPage = [
    "the report page itself (GET, for comparison)",
    async () => {
      const response = await fetch(`${url}/en/report`);
      await response.text();
      return `${response.status} page`;
    },
  ];
  const rows = [];
  for (const [label, send] of [...kinds, formPage]) {
    for (let i = 0; i < 10; i++) await send();
    const result = await measured(pid, { total: 400, concurrency: 4, maxSeconds: 15, send });
    rows.push({ label, ...result });
  }
  const reference = rows[0].cpu.app + rows[0].cpu.postgres;
  print("## What junk costs (one client, no TRUST_PROXY)");
  print();
  print(
    "CPU per request (app + PostgreSQL) at concurrency 4, as a share of a valid submission's. Target: at most 20 %.",
  );
  print();
  print(
    "| post | requests | CPU per request, ms: app / PostgreSQL | share of a valid report | statuses |",
  );
  print("| --- | ---: | ---: | ---: | --- |");
  for (const r of rows) {
    const share = ((r.cpu.app + r.cpu.postgres) / reference) * 100;
    print(
      `| ${r.label} | ${r.count} | ${r.cpu.app.toFixed(1)} / ${r.cpu.postgres.toFixed(1)} | ${share.toFixed(0)} % | ${[...r.statuses].map(([s, n]) => `${s}×${n}`).join(", ")} |`,
    );
  }
  print();

  log("a genuine reporter during a flood");
  const floodSeconds = 20;
  const deadline = performance.now() + floodSeconds * 1000;
  const wrongReceipt = async () => {
    const body = new FormData();
    for (const [name, value] of receiptForm) body.append(name, value);
    body.append(
      "receipt",
      Array.from({ length: 5 }, () =>
        String(Math.floor(Math.random() * 1e5)).padStart(5, "0"),
      ).join(" "),
    );
    const response = await fetch(`${url}/en/follow-up`, {
      method: "POST",
      body,
      headers: { Origin: url },
      redirect: "manual",
    });
    await response.text();
    return response.status;
  };
  const junk = [
    kinds[1][1],
    kinds[2][1],
    kinds[3][1],
    kinds[4][1],
    wrongReceipt,
    wrongReceipt,
    wrongReceipt,
    () => post(noJsActionBody(form, randomUUID()).body),
  ];
  const sent = { count: 0 };
  const flood = junk.map(async (send) => {
    while (performance.now() < deadline) {
      await send().catch(() => 0);
      sent.count++;
    }
  });
  const genuine = [];
  const outcomes = new Map();
  while (performance.now() < deadline) {
    const tick = performance.now();
    const outcome = await valid();
    genuine.push(performance.now() - tick);
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, 1000 - (performance.now() - tick))),
    );
  }
  await Promise.all(flood);
  genuine.sort((a, b) => a - b);
  const quiet = await load({ total: 20, concurrency: 1, maxSeconds: 20, send: valid });
  print(`## A genuine reporter during a ${floodSeconds} s flood`);
  print();
  print(
    `Eight loops from one client sent ${sent.count} junk requests (invalid, honeypot, duplicate, refused-file posts, wrong receipts, valid-looking spam) while a genuine reporter sent one report a second.`,
  );
  print();
  print("| genuine reports | outcomes | p50 | p99 | p99 without the flood |");
  print("| ---: | --- | ---: | ---: | ---: |");
  print(
    `| ${genuine.length} | ${[...outcomes].map(([s, n]) => `${s}×${n}`).join(", ")} | ${ms(percentile(genuine, 50))} | ${ms(percentile(genuine, 99))} | ${ms(quiet.p99)} |`,
  );
  print();
}
