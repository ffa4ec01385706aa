import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import sl from "@/messages/sl.json";
import uk from "@/messages/uk.json";
import { fieldErrorsOf } from "@/lib/actions/form-state";
import { limits, reportSchema, reportValuesFromFormData } from "@/lib/validation/report";

const valid = {
  forms: ["labour"],
  indicators: ["documentsTaken", "debt"],
  region: "podravska",
  placeDetails: "A farm near Ptuj",
  whenPeriod: "ongoing",
  whenDate: "",
  peopleCount: "twoToFive",
  minors: "no",
  immediateDanger: "unknown",
  reporterRole: "witness",
  description: "Workers live in a container on the farm and their passports are kept by the boss.",
  contactChoice: "anonymous",
  contact: "",
};

function errorsOf(input: unknown) {
  const result = reportSchema.safeParse(input);
  return result.success ? {} : fieldErrorsOf(result.error);
}

describe("reportSchema", () => {
  it("accepts a complete anonymous report and drops empty optional text", () => {
    const result = reportSchema.parse(valid);
    expect(result.forms).toEqual(["labour"]);
    expect(result.placeDetails).toBe("A farm near Ptuj");
    expect(result.whenDate).toBeUndefined();
    expect(result.contact).toBeUndefined();
  });

  it("requires the questions marked required, each with its own message key", () => {
    expect(errorsOf({})).toEqual({
      forms: "forms.required",
      region: "region.required",
      whenPeriod: "whenPeriod.required",
      peopleCount: "peopleCount.required",
      minors: "minors.required",
      immediateDanger: "immediateDanger.required",
      reporterRole: "reporterRole.required",
      description: "description.required",
    });
  });

  it("rejects options that are not on the form", () => {
    expect(errorsOf({ ...valid, forms: ["labour", "piracy"] })).toHaveProperty("forms");
    expect(errorsOf({ ...valid, region: "atlantis" })).toEqual({ region: "region.required" });
    expect(errorsOf({ ...valid, minors: "maybe" })).toEqual({ minors: "minors.required" });
  });

  it("enforces length limits on every free-text field", () => {
    expect(errorsOf({ ...valid, description: "too short" })).toEqual({
      description: "description.tooShort",
    });
    expect(errorsOf({ ...valid, description: "x".repeat(limits.description + 1) })).toEqual({
      description: "description.tooLong",
    });
    expect(errorsOf({ ...valid, placeDetails: "x".repeat(limits.placeDetails + 1) })).toEqual({
      placeDetails: "placeDetails.tooLong",
    });
    expect(
      errorsOf({ ...valid, contactChoice: "contact", contact: "x".repeat(limits.contact + 1) }),
    ).toEqual({ contact: "contact.tooLong" });
  });

  it("counts a description of only spaces as missing", () => {
    expect(errorsOf({ ...valid, description: "          \n   " })).toEqual({
      description: "description.required",
    });
  });

  it("asks for contact details only when the reporter chose to give them", () => {
    expect(errorsOf({ ...valid, contactChoice: "contact", contact: " " })).toEqual({
      contact: "contact.required",
    });
    expect(
      reportSchema.parse({
        ...valid,
        contactChoice: "contact",
        contact: "+386 40 000 000 after 18h",
      }).contact,
    ).toBe("+386 40 000 000 after 18h");
  });

  it("never keeps contact details typed before switching back to anonymous", () => {
    expect(
      reportSchema.parse({ ...valid, contactChoice: "anonymous", contact: "my phone" }).contact,
    ).toBeUndefined();
  });

  it("accepts only real dates that are not in the future", () => {
    expect(reportSchema.parse({ ...valid, whenDate: "2026-02-28" }).whenDate).toBe("2026-02-28");
    expect(errorsOf({ ...valid, whenDate: "2026-02-30" })).toEqual({
      whenDate: "whenDate.invalid",
    });
    expect(errorsOf({ ...valid, whenDate: "3000-01-01" })).toEqual({
      whenDate: "whenDate.invalid",
    });
    expect(errorsOf({ ...valid, whenDate: "yesterday" })).toEqual({ whenDate: "whenDate.invalid" });
  });

  it("ignores unknown fields", () => {
    const result = reportSchema.parse({ ...valid, ipAddress: "127.0.0.1", status: "CLOSED" });
    expect(result).not.toHaveProperty("ipAddress");
    expect(result).not.toHaveProperty("status");
  });
});

describe("the children and danger questions", () => {
  // Both are yes / no / "I don't know": one shared text would not say which question is missing.
  it("are refused with their own key each, alone and together", () => {
    const { minors: _minors, ...withoutMinors } = valid;
    const { immediateDanger: _danger, ...withoutDanger } = valid;
    expect(errorsOf(withoutMinors)).toEqual({ minors: "minors.required" });
    expect(errorsOf(withoutDanger)).toEqual({ immediateDanger: "immediateDanger.required" });
    expect(errorsOf({ ...valid, minors: "maybe", immediateDanger: "maybe" })).toEqual({
      minors: "minors.required",
      immediateDanger: "immediateDanger.required",
    });
  });

  it("have different error texts in every language, each naming its own question", () => {
    const words = {
      en: ["children", "danger"],
      sl: ["otrok", "nevarnosti"],
      uk: ["діти", "небезпека"],
    };
    for (const [locale, catalog] of Object.entries({ en, sl, uk })) {
      const { minors, immediateDanger } = catalog.ReportForm.errors;
      expect(minors.required, locale).not.toBe(immediateDanger.required);
      const [child, danger] = words[locale as keyof typeof words];
      expect(minors.required, locale).toContain(child);
      expect(immediateDanger.required, locale).toContain(danger);
    }
  });
});

describe("reportValuesFromFormData", () => {
  it("reads repeated checkboxes as lists and nothing but the report's fields", () => {
    const data = new FormData();
    data.append("forms", "sexual");
    data.append("forms", "childSexual");
    data.append("indicators", "debt");
    data.append("description", "Something happened here.");
    data.append("userAgent", "Mozilla/5.0");
    data.append("urgency", "LOW");
    const values = reportValuesFromFormData(data);
    expect(values.forms).toEqual(["sexual", "childSexual"]);
    expect(values.indicators).toEqual(["debt"]);
    expect(values.description).toBe("Something happened here.");
    expect(values).not.toHaveProperty("userAgent");
    expect(values).not.toHaveProperty("urgency");
  });

  it("caps oversized values before validation sees them", () => {
    const data = new FormData();
    data.append("description", "x".repeat(1_000_000));
    for (let i = 0; i < 1000; i++) data.append("forms", "labour");
    const values = reportValuesFromFormData(data);
    expect(values.description!.length).toBe(limits.description + 1);
    expect(values.forms!.length).toBeLessThanOrEqual(16);
    expect(errorsOf(values)).toHaveProperty("description", "description.tooLong");
  });
});

describe("organisation directory form", async () => {
  const { organizationSchema } = await import("@/lib/validation/organization");
  const base = {
    id: "8d7a6c4e-3b2a-4c1d-9e8f-0a1b2c3d4e5f",
    nameSl: "A",
    nameEn: "B",
    nameUk: "В",
    phones: "",
  };

  it("reads one phone per line, with optional hours in three languages", () => {
    const parsed = organizationSchema.parse({
      ...base,
      phones: "080 17 22; tollFree; 9–13; 9–13; 9–13\n+386 1 430 12 88; office\n",
    });
    expect(parsed.phones).toEqual([
      { number: "080 17 22", kind: "tollFree", hours: { sl: "9–13", en: "9–13", uk: "9–13" } },
      { number: "+386 1 430 12 88", kind: "office" },
    ]);
  });

  it("refuses unknown phone kinds, non-https links and bad e-mail", () => {
    expect(organizationSchema.safeParse({ ...base, phones: "113; fax" }).success).toBe(false);
    expect(organizationSchema.safeParse({ ...base, website: "http://example.org" }).success).toBe(
      false,
    );
    expect(organizationSchema.safeParse({ ...base, website: "javascript:alert(1)" }).success).toBe(
      false,
    );
    expect(organizationSchema.safeParse({ ...base, notificationEmail: "not-mail" }).success).toBe(
      false,
    );
    expect(organizationSchema.parse({ ...base, website: "", email: "" })).toMatchObject({
      website: null,
      email: null,
    });
  });
});
