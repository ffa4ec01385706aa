import { createElement, type ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  ChoiceQuestion,
  SelectQuestion,
} from "@/app/[locale]/(public)/report/_components/report-questions";
import { fieldErrorsOf } from "@/lib/actions/form-state";
import {
  childExploitationForms,
  exploitationForms,
  regions,
  triState,
} from "@/lib/validation/report-options";
import en from "@/messages/en.json";
import sl from "@/messages/sl.json";
import uk from "@/messages/uk.json";
import { questionOptions } from "../support/question-options";

const field = (name: string) => ({
  name,
  onChange: async () => {},
  onBlur: async () => {},
  ref: () => {},
});
const render = (element: React.ReactElement) =>
  renderToStaticMarkup(
    createElement(
      NextIntlClientProvider,
      // The element goes in as the child argument, not a prop.
      { locale: "en", messages: en, timeZone: "Europe/Ljubljana" } as ComponentProps<
        typeof NextIntlClientProvider
      >,
      element,
    ),
  );

describe("report questions from option lists", () => {
  it("have a text for every option in every locale (the component builds the keys)", () => {
    for (const messages of [en, sl, uk]) {
      const form = messages.ReportForm as Record<string, unknown>;
      for (const [name, options] of Object.entries(questionOptions)) {
        const texts = (form[name] as { options: Record<string, string> }).options;
        expect(Object.keys(texts).sort(), name).toEqual([...options].sort());
        for (const option of options) expect(texts[option], `${name}.${option}`).toBeTruthy();
      }
    }
  });

  it("render one labelled control per option, in order, with the chosen ones checked", () => {
    const html = render(
      createElement(ChoiceQuestion, {
        name: "minors",
        type: "radio",
        options: triState,
        need: "required",
        error: "Answer this",
        chosen: ["no"],
        field: field("minors"),
      }),
    );
    expect(html).toContain('<fieldset id="minors-group" aria-describedby="minors-error"');
    expect(html).toContain(`${en.ReportForm.minors.legend}<span`);
    expect(html).toContain(`(${en.ReportForm.required})`);
    const ids = [...html.matchAll(/<input id="([^"]+)"[^>]*type="radio"/g)].map((m) => m[1]);
    expect(ids).toEqual(["minors-yes", "minors-no", "minors-unknown"]);
    for (const option of triState) {
      expect(html).toContain(
        `<label for="minors-${option}" class="choice-label">${en.ReportForm.minors.options[option]}</label>`,
      );
    }
    expect(html.match(/checked=""/g)).toHaveLength(1);
    expect(html).toMatch(/id="minors-no"[^>]*checked=""/);
    expect(html).toContain('name="minors"');
  });

  it("render a second list after its own heading in the same group", () => {
    const html = render(
      createElement(ChoiceQuestion, {
        name: "forms",
        type: "checkbox",
        options: exploitationForms,
        more: { heading: "childLegend", options: childExploitationForms },
        hint: true,
        chosen: ["labour", "childBegging"],
        field: field("forms"),
      }),
    );
    const ids = [...html.matchAll(/<input id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([...exploitationForms, ...childExploitationForms].map((o) => `forms-${o}`));
    const heading = html.indexOf(en.ReportForm.forms.childLegend);
    expect(heading).toBeGreaterThan(html.indexOf('id="forms-notSure"'));
    expect(heading).toBeLessThan(html.indexOf('id="forms-childSexual"'));
    expect(html).toContain('aria-describedby="forms-hint"');
    expect(html).not.toContain("(required)");
    expect(html.match(/checked=""/g)).toHaveLength(2);
  });

  it("render a select with a placeholder first and the field's error tied to it", () => {
    const html = render(
      createElement(SelectQuestion, {
        name: "region",
        options: regions,
        need: "required",
        hint: true,
        errorKey: "region.required",
        error: "Choose",
        field: field("region"),
      }),
    );
    expect(html).toContain('<label for="region"');
    expect(html).toMatch(/<select[^>]*id="region"[^>]*aria-invalid="true"/);
    expect(html).toMatch(/aria-describedby="region-hint region-error"/);
    const values = [...html.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    expect(values).toEqual(["", ...regions]);
    expect(html).toContain(
      `<option value="" selected="">${en.ReportForm.region.placeholder}</option>`,
    );
  });
});

describe("fieldErrorsOf", () => {
  it("keeps the first issue per field, and puts issues without a path under form", () => {
    const schema = z
      .object({ name: z.string().min(1, "name.required").min(3, "name.tooShort") })
      .refine(() => false, "form.broken");
    const result = schema.safeParse({ name: "" });
    expect(result.success).toBe(false);
    if (result.success) return;
    // "name.tooShort" is the second issue of the same field: dropped.
    expect(fieldErrorsOf(result.error)).toEqual({ name: "name.required", form: "form.broken" });
    const whole = schema.safeParse({ name: "Ana" });
    if (whole.success) throw new Error("refine should fail");
    expect(fieldErrorsOf(whole.error)).toEqual({ form: "form.broken" });
  });
});
