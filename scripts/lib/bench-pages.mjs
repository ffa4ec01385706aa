// Page weights: what Chromium really transfers for each reporter page with JavaScript off on a
// cold cache, and first-load JavaScript from the build's own stats against the framework's floor.
// Part of scripts/bench.mjs.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { kb } from "./bench-util.mjs";
import { chromiumArgs, chromiumPath } from "./chromium.mjs";

const locales = ["sl", "en", "uk"];
// The reporter pages; tests/e2e/page-weight.spec.ts holds each under the same budget.
const pages = [
  ["/", "/[locale]"],
  ["/report", "/[locale]/report"],
  ["/follow-up", "/[locale]/follow-up"],
  ["/help", "/[locale]/help"],
  ["/safety", "/[locale]/safety"],
  ["/no-traces", "/[locale]/no-traces"],
];
// Next's own 404 has no client component of ours: what every App Router page ships at least.
const floorRoute = "/_not-found";
const budgetBytes = 40 * 1024;

// Debian's Chromium, as in the tests.
const launchChromium = () => chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });

/** Every response a fresh browser (nothing cached) receives loading one page: bodies as sent plus headers. */
async function transfer(browser, url, javaScriptEnabled) {
  const context = await browser.newContext({ javaScriptEnabled });
  const tab = await context.newPage();
  const sizes = [];
  tab.on("requestfinished", (request) =>
    sizes.push(
      request.sizes().then((s) => ({
        type: request.resourceType(),
        bytes: s.responseBodySize + s.responseHeadersSize,
      })),
    ),
  );
  await tab.goto(url, { waitUntil: "networkidle" });
  const all = await Promise.all(sizes);
  await context.close();
  const byType = {};
  for (const { type, bytes } of all) byType[type] = (byType[type] ?? 0) + bytes;
  return { bytes: all.reduce((sum, r) => sum + r.bytes, 0), requests: all.length, byType };
}

export async function pageWeights(url, { print, log, root }) {
  log("page weights");
  const stats = JSON.parse(
    readFileSync(path.join(root, ".next/diagnostics/route-bundle-stats.json"), "utf8"),
  );
  const gz = (file) => gzipSync(readFileSync(path.join(root, file))).length;
  const firstLoad = (route) => {
    const entry = stats.find((s) => s.route === route);
    const chunks = (entry?.firstLoadChunkPaths ?? []).filter((f) => existsSync(path.join(root, f)));
    return {
      raw: entry?.firstLoadUncompressedJsBytes ?? 0,
      gz: chunks.reduce((sum, f) => sum + gz(f), 0),
      files: chunks.length,
    };
  };
  const floor = firstLoad(floorRoute);

  const browser = await launchChromium();
  const off = [];
  const on = [];
  try {
    for (const [page, route] of pages) {
      for (const locale of locales) {
        const address = `${url}/${locale}${page === "/" ? "" : page}`;
        off.push({ page, locale, ...(await transfer(browser, address, false)) });
      }
      on.push({
        page,
        js: firstLoad(route),
        transfer: await transfer(browser, `${url}/uk${page === "/" ? "" : page}`, true),
      });
    }
  } finally {
    await browser.close();
  }

  print("## Reporter pages");
  print();
  print(
    `Transfer with JavaScript off: every response a fresh Chromium (empty cache) received loading the page, bodies as`,
  );
  print(
    `sent (gzip by \`next start\`) plus headers: the HTML, the stylesheet, the icon. Budget ${kb(budgetBytes)} a page.`,
  );
  print();
  print(
    `| page | ${locales.map((l) => `${l}, JavaScript off`).join(" | ")} | of which HTML (largest) |`,
  );
  print(`| --- | ${locales.map(() => "---:").join(" | ")} | ---: |`);
  for (const [page] of pages) {
    const rows = off.filter((r) => r.page === page);
    const cells = rows.map(
      (r) => `${kb(r.bytes)} (${r.requests} requests)${r.bytes > budgetBytes ? " over" : ""}`,
    );
    print(
      `| ${page} | ${cells.join(" | ")} | ${kb(Math.max(...rows.map((r) => r.byType.document ?? 0)))} |`,
    );
  }
  print();
  print(
    `First-load JavaScript from \`.next/diagnostics/route-bundle-stats.json\`, each chunk gzipped (level 6), against`,
  );
  print(
    `the framework's floor: \`${floorRoute}\`, which has no client component of ours, ${kb(floor.gz)} gzipped (${floor.files} files).`,
  );
  print(
    `Transfer with JavaScript on: the Ukrainian page in a fresh Chromium, everything included.`,
  );
  print();
  print("| page | first-load JS | gzip | over the floor | transfer, JavaScript on |");
  print("| --- | ---: | ---: | ---: | ---: |");
  for (const r of on) {
    print(
      `| ${r.page} | ${kb(r.js.raw)} (${r.js.files} files) | ${kb(r.js.gz)} | ${kb(r.js.gz - floor.gz)} | ${kb(r.transfer.bytes)} (${r.transfer.requests} requests) |`,
    );
  }
  print();
}
