// Page weights: first-load JavaScript from the build's own stats, and what Chromium really
// transfers per page with JavaScript on and off. Part of scripts/bench.mjs.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { kb } from "./bench-util.mjs";

// Debian's Chromium, as in the tests (playwright.config.ts, tests/support/browser.ts).
function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

export async function pageWeights(url, { print, log, root }) {
  log("page weights");
  const stats = JSON.parse(readFileSync(path.join(root, ".next/diagnostics/route-bundle-stats.json"), "utf8"));
  const pages = [
    ["/", "/[locale]"],
    ["/report", "/[locale]/report"],
    ["/help", "/[locale]/help"],
    ["/safety", "/[locale]/safety"],
    ["/no-traces", "/[locale]/no-traces"],
  ];
  const gz = (file) => gzipSync(readFileSync(path.join(root, file))).length;
  const browser = await launchChromium();
  const rows = [];
  try {
    for (const [page, route] of pages) {
      const entry = stats.find((s) => s.route === route);
      const chunks = entry?.firstLoadChunkPaths ?? [];
      const jsGz = chunks.filter((f) => existsSync(path.join(root, f))).reduce((sum, f) => sum + gz(f), 0);
      const transfer = {};
      for (const javaScriptEnabled of [true, false]) {
        const context = await browser.newContext({ javaScriptEnabled });
        const tab = await context.newPage();
        const sizes = [];
        tab.on("requestfinished", (request) => sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)));
        await tab.goto(`${url}/uk${page === "/" ? "" : page}`, { waitUntil: "networkidle" });
        transfer[javaScriptEnabled] = { bytes: (await Promise.all(sizes)).reduce((a, b) => a + b, 0), requests: sizes.length };
        await context.close();
      }
      rows.push({ page, jsRaw: entry?.firstLoadUncompressedJsBytes ?? 0, jsGz, chunks: chunks.length, transfer });
    }
  } finally {
    await browser.close();
  }
  print("## Public pages (Ukrainian)");
  print();
  print("First-load JavaScript from `.next/diagnostics/route-bundle-stats.json`, each chunk gzipped (level 6). Transfer: every");
  print("response a fresh Chromium received loading the page (bodies as sent, gzip by `next start`, plus headers), fonts included.");
  print();
  print("| page | first-load JS | first-load JS gzip | transfer, JavaScript on | transfer, JavaScript off |");
  print("| --- | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    print(`| ${r.page} | ${kb(r.jsRaw)} (${r.chunks} files) | ${kb(r.jsGz)} | ${kb(r.transfer.true.bytes)} (${r.transfer.true.requests} requests) | ${kb(r.transfer.false.bytes)} (${r.transfer.false.requests} requests) |`);
  }
  print();
}
