import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { publicClientNamespaces, staffClientNamespaces } from "@/lib/i18n/client-namespaces";

const root = path.resolve(import.meta.dirname, "..", "..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? files(full) : full.endsWith(".tsx") ? [full] : [];
  });
}

const clientComponents = [...files(path.join(root, "components")), ...files(path.join(root, "app"))]
  .map((file) => ({ file: path.relative(root, file), source: readFileSync(file, "utf8") }))
  .filter(({ source }) => source.startsWith('"use client"'));

const namespacesOf = (source: string) =>
  [...source.matchAll(/useTranslations\("([A-Za-z]+)/g)].map((m) => m[1]!);

describe("messages sent to the browser", () => {
  it("include every namespace a client component uses", () => {
    for (const { file, source } of clientComponents) {
      for (const namespace of namespacesOf(source))
        expect(staffClientNamespaces, file).toContain(namespace);
    }
  });

  it("on reporter pages, include no staff texts, and everything reporter components need", () => {
    const reporterSide = clientComponents.filter(
      ({ file }) => !file.startsWith(path.join("components", "staff")) && !file.includes("(staff)"),
    );
    expect(reporterSide.length).toBeGreaterThan(3);
    for (const { file, source } of reporterSide) {
      for (const namespace of namespacesOf(source))
        expect(publicClientNamespaces, file).toContain(namespace);
    }
  });
});
