import { describe, expect, it } from "vitest";
import { followUpErrorOf } from "@/app/[locale]/(public)/follow-up/state";
import { asFormAction } from "@/components/ui/form-action";
import { idle, type FormState } from "@/lib/actions/form-state";
import en from "@/messages/en.json";

type Receipt = FormState<{ receipt: string }>;
const refused = (
  error: "invalid" | "rateLimited" | "forbidden" | "notFound" | "conflict",
  fieldErrors: Record<string, string> = {},
): Receipt => ({ status: "refused", error, fieldErrors, values: {} });

describe("followUpErrorOf", () => {
  it("names the field's own text first, then the refusal's, and nothing before a post", () => {
    expect(followUpErrorOf<{ receipt: string }>(idle, "receipt")).toBeUndefined();
    expect(followUpErrorOf(refused("invalid", { receipt: "receiptLength" }), "receipt")).toBe(
      "receiptLength",
    );
    expect(followUpErrorOf(refused("rateLimited"), "receipt")).toBe("limited");
    expect(followUpErrorOf(refused("forbidden"), "receipt")).toBe("sessionEnded");
    expect(followUpErrorOf(refused("notFound"), "receipt")).toBe("noThread");
    // A refusal with no text of its own at the field: the form's other texts say it.
    expect(followUpErrorOf(refused("conflict"), "receipt")).toBeUndefined();
  });

  it("reads a field error with no text as a failure rather than looking it up", () => {
    expect(followUpErrorOf(refused("invalid", { receipt: "notAKey" }), "receipt")).toBe("failed");
  });

  it("only ever names texts that exist under FollowUp.errors", () => {
    const keys = Object.keys(en.FollowUp.errors);
    for (const key of keys)
      expect(followUpErrorOf(refused("invalid", { receipt: key }), "receipt")).toBe(key);
  });
});

describe("asFormAction", () => {
  it("hands the action the idle state and the posted form", async () => {
    const calls: [unknown, FormData][] = [];
    const form = new FormData();
    form.set("userId", "u1");
    await asFormAction(async (previous: Receipt, formData: FormData) => {
      calls.push([previous, formData]);
      return previous;
    })(form);
    expect(calls).toEqual([[idle, form]]);
  });
});
