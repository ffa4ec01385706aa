import { z } from "zod";

import {
  allExploitationForms,
  contactChoices,
  indicators,
  limits,
  peopleCounts,
  reportFieldNames,
  reportListFieldNames,
  regions,
  reporterRoles,
  triState,
  whenPeriods,
} from "./report-options";

// The options and limits live beside it, without zod, for the form's first load.
export * from "./report-options";

// The one schema for the anonymous report: react-hook-form validates with it in the browser and
// the server action re-validates with it. Error messages are keys under ReportForm.errors.

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function optionalText(max: number, key: string) {
  return z
    .string()
    .trim()
    .max(max, { error: key })
    .optional()
    .transform((value) => (value ? value : undefined));
}

function choice<T extends readonly [string, ...string[]]>(values: T, key: string) {
  return z.enum(values, { error: key });
}

export const reportSchema = z
  .object({
    forms: z
      .array(z.enum(allExploitationForms, { error: "forms.required" }), { error: "forms.required" })
      .min(1, { error: "forms.required" })
      .max(allExploitationForms.length),
    indicators: z.array(z.enum(indicators)).max(indicators.length).default([]),
    region: choice(regions, "region.required"),
    placeDetails: optionalText(limits.placeDetails, "placeDetails.tooLong"),
    whenPeriod: choice(whenPeriods, "whenPeriod.required"),
    whenDate: z
      .string()
      .trim()
      .optional()
      .transform((value) => (value ? value : undefined))
      .refine((value) => value === undefined || isValidPastDate(value), {
        error: "whenDate.invalid",
      }),
    peopleCount: choice(peopleCounts, "peopleCount.required"),
    minors: choice(triState, "minors.required"),
    immediateDanger: choice(triState, "immediateDanger.required"),
    reporterRole: choice(reporterRoles, "reporterRole.required"),
    description: z
      .string({ error: "description.required" })
      .trim()
      .min(1, { error: "description.required" })
      .min(limits.descriptionMin, { error: "description.tooShort" })
      .max(limits.description, { error: "description.tooLong" }),
    contactChoice: choice(contactChoices, "contactChoice.required").default("anonymous"),
    contact: optionalText(limits.contact, "contact.tooLong"),
  })
  .superRefine((value, ctx) => {
    if (value.contactChoice === "contact" && !value.contact) {
      ctx.addIssue({ code: "custom", path: ["contact"], message: "contact.required" });
    }
  })
  // Contact details typed and then withdrawn by choosing "anonymous" are never kept.
  .transform((value) =>
    value.contactChoice === "anonymous" ? { ...value, contact: undefined } : value,
  );

export type ReportInput = z.input<typeof reportSchema>;
export type ReportData = z.output<typeof reportSchema>;

function isValidPastDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return false;
  const tomorrow = Date.now() + 24 * 60 * 60 * 1000;
  return date.getTime() >= Date.UTC(1950, 0, 1) && date.getTime() <= tomorrow;
}

type ListField = (typeof reportListFieldNames)[number];
export type ReportFormValues = {
  [K in Exclude<(typeof reportFieldNames)[number], ListField>]?: string;
} & { [K in ListField]?: string[] };

const isListField = (name: string): name is ListField =>
  (reportListFieldNames as readonly string[]).includes(name);

/**
 * Reads only the known report fields from a posted form; anything else (including extra fields a
 * hostile client adds) is ignored. Values are capped so an oversized post cannot balloon memory
 * before validation rejects it.
 */
export function reportValuesFromFormData(formData: FormData): ReportFormValues {
  const values: ReportFormValues = {};
  for (const name of reportFieldNames) {
    if (isListField(name)) continue;
    const value = formData.get(name);
    if (typeof value === "string") values[name] = value.slice(0, limits.description + 1);
  }
  for (const name of reportListFieldNames) {
    values[name] = formData
      .getAll(name)
      .filter((value): value is string => typeof value === "string")
      .slice(0, allExploitationForms.length)
      .map((value) => value.slice(0, 64));
  }
  return values;
}
