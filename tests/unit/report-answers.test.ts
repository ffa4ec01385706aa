import { createTranslator } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { ReportDetail } from "@/lib/reports/get-report";
import en from "@/messages/en.json";

vi.mock("next-intl/server", () => ({
  getLocale: async () => "en",
  getMessages: async () => en,
  getTranslations: async (namespace: "Triage" | "ReportForm") =>
    createTranslator({ locale: "en", messages: en, namespace }),
}));

const { ReportAnswers } = await import("@/components/staff/report-answers");

const answers = (changes: Partial<ReportDetail> = {}) =>
  ({
    forms: ["labour", "childBegging"],
    indicators: ["documentsTaken"],
    region: "savinjska",
    placeDetails: null,
    whenPeriod: "pastMonth",
    whenDate: null,
    peopleCount: "one",
    minors: "NO",
    immediateDanger: "NO",
    reporterRole: "witness",
    locale: "uk",
    contact: null,
    description: "Text",
    ...changes,
  }) as ReportDetail;

const html = async (report: ReportDetail) => renderToStaticMarkup(await ReportAnswers({ report }));

describe("the reporter's answers for staff", () => {
  it("shows each stored code in words", async () => {
    const page = await html(answers());
    const options = en.ReportForm;
    for (const text of [
      options.forms.options.labour,
      options.forms.options.childBegging,
      options.indicators.options.documentsTaken,
      options.region.options.savinjska,
      options.whenPeriod.options.pastMonth,
      options.peopleCount.options.one,
      options.reporterRole.options.witness,
    ])
      expect(page).toContain(text.replaceAll("&", "&amp;").replaceAll("'", "&#x27;"));
  });

  it("shows a code the form no longer offers as stored, rather than failing the page", async () => {
    const page = await html(answers({ forms: ["retiredForm"], region: "oldRegion" }));
    expect(page).toContain("<dd>retiredForm</dd>");
    expect(page).toContain("<dd>oldRegion</dd>");
    expect(page).not.toContain("ReportForm.");
  });
});
