import "server-only";
import { getMessages } from "next-intl/server";
import type { Locale } from "@/lib/i18n/routing";

// The reporter's answers as label/value pairs in one language: the codes stored for each answer
// looked up in that language's messages (ReportForm options, Triage labels), free text as written.
// The report page shows them in the officer's language; the case file in that and the report's own.

export type AnswerSource = {
  forms: string[];
  indicators: string[];
  region: string;
  placeDetails: string | null;
  whenPeriod: string;
  whenDate: Date | null;
  peopleCount: string;
  minors: string;
  immediateDanger: string;
  reporterRole: string;
  locale: string;
  contact: string | null;
};

/** A message by its path, or undefined: stored codes come from the database, not from the types. */
function lookup(tree: unknown, path: string[]): string | undefined {
  let node = tree;
  for (const part of path) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

export async function answerRows(report: AnswerSource, locale: Locale) {
  const messages = await getMessages({ locale });
  const triage = (key: string) => lookup(messages, ["Triage", ...key.split(".")]) ?? key;
  // An unknown code (an option since removed) still shows, as itself, rather than failing.
  const option = (question: string, code: string) =>
    lookup(messages, ["ReportForm", question, "options", code]) ?? code;
  const languages = new Intl.DisplayNames([locale], { type: "language" });
  const rows: { label: string; value: string }[] = [
    { label: triage("forms"), value: report.forms.map((v) => option("forms", v)).join("; ") },
    {
      label: triage("indicators"),
      value: report.indicators.map((v) => option("indicators", v)).join("; ") || "—",
    },
    {
      label: triage("place"),
      value: [option("region", report.region), report.placeDetails].filter(Boolean).join(" — "),
    },
    {
      label: triage("when"),
      value: [option("whenPeriod", report.whenPeriod), report.whenDate?.toISOString().slice(0, 10)]
        .filter(Boolean)
        .join(", "),
    },
    { label: triage("people"), value: option("peopleCount", report.peopleCount) },
    { label: triage("minors"), value: triage(`tri.${report.minors}`) },
    { label: triage("immediateDanger"), value: triage(`tri.${report.immediateDanger}`) },
    { label: triage("reporterRole"), value: option("reporterRole", report.reporterRole) },
    { label: triage("locale"), value: languages.of(report.locale) ?? report.locale },
    { label: triage("contact"), value: report.contact ?? triage("noContact") },
  ];
  return rows;
}
