import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import sl from "@/messages/sl.json";
import uk from "@/messages/uk.json";
import { routeRules, urgencyRules } from "@/lib/triage";
import { questionOptions } from "../support/question-options";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Record<string, string> {
  return Object.entries(tree).reduce<Record<string, string>>((flat, [key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === "string"
      ? { ...flat, [path]: value }
      : { ...flat, ...flatten(value, path) };
  }, {});
}

const catalogs = { sl: flatten(sl), en: flatten(en), uk: flatten(uk) };
const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)[,}]|<(\w+)>/g)].map((m) => m[1] ?? `<${m[2]}>`).sort();

describe("message catalogs", () => {
  it("have exactly the same keys in sl, en and uk", () => {
    const keys = Object.keys(catalogs.en).sort();
    expect(Object.keys(catalogs.sl).sort()).toEqual(keys);
    expect(Object.keys(catalogs.uk).sort()).toEqual(keys);
  });

  it("keep every placeholder and tag of the English text", () => {
    for (const [key, text] of Object.entries(catalogs.en)) {
      expect(placeholders(catalogs.sl[key] ?? ""), `sl ${key}`).toEqual(placeholders(text));
      expect(placeholders(catalogs.uk[key] ?? ""), `uk ${key}`).toEqual(placeholders(text));
    }
  });

  it("have no empty text and no English left untranslated in long texts", () => {
    for (const locale of ["sl", "uk"] as const) {
      for (const [key, text] of Object.entries(catalogs[locale])) {
        expect(text.trim(), `${locale} ${key}`).not.toBe("");
        if (text.length > 40 && !key.startsWith("LanguageSwitcher")) {
          expect(text, `${locale} ${key} is the English text`).not.toBe(catalogs.en[key]);
        }
      }
    }
  });

  it("write Ukrainian in Cyrillic", () => {
    const cyrillic = Object.values(catalogs.uk).filter((text) =>
      /[\u0400-\u04FF]/.test(text),
    ).length;
    expect(cyrillic / Object.keys(catalogs.uk).length).toBeGreaterThan(0.9);
  });

  it("label every option the report form offers", () => {
    for (const [name, values] of Object.entries(questionOptions)) {
      for (const value of values) {
        const key = `ReportForm.${name}.options.${value}`;
        expect(catalogs.en, key).toHaveProperty([key]);
      }
    }
  });
});

describe("triage reasons", () => {
  it("have a message for every rule, in every language", () => {
    const codes = [
      ...urgencyRules.map((rule) => `Triage.reasons.${rule.reason}`),
      ...routeRules.map((rule) => `Triage.routeReasonsList.${rule.organization}.${rule.reason}`),
      "Triage.routeReasonsList.police.default",
    ];
    for (const locale of ["sl", "en", "uk"] as const) {
      for (const code of codes)
        expect(catalogs[locale], `${locale} ${code}`).toHaveProperty([code]);
    }
  });
});
