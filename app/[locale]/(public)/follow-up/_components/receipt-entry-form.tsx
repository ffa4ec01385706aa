"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { enterReceiptAction } from "../actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import {
  checkReceipt,
  receiptDigitsOf,
  receiptGroupSize,
  splitGroups,
} from "@/lib/validation/receipt-code";
import { idle } from "@/lib/actions/form-state";
import { followUpErrorOf, type FollowUpError, type ReceiptEntryState } from "../state";

type Problem = { error?: FollowUpError; digitCount?: number; badGroups?: number[] };

const initial: ReceiptEntryState = idle;

/** The same checks the server makes before any guess is counted (lib/validation/follow-up.ts). */
function problemOf(typed: string): Problem | null {
  if (!typed.trim()) return { error: "receiptRequired" };
  const checked = checkReceipt(typed);
  if (checked.status === "notDigits") return { error: "receiptNotDigits" };
  if (checked.status === "length") return { error: "receiptLength", digitCount: checked.count };
  if (checked.status === "groups") return { error: "receiptGroups", badGroups: checked.groups };
  return null;
}

/**
 * The receipt is never wiped: what was typed comes back into the field (from the server's state
 * without JavaScript, from the field itself with it), and a failed check digit points to the group
 * to re-read, so a person corrects six digits instead of retyping thirty.
 */
export function ReceiptEntryForm() {
  const t = useTranslations("FollowUp");
  const [state, action, pending] = useActionState(enterReceiptAction, initial);
  const [local, setLocal] = useState<{ problem: Problem; typed: string } | null>(null);
  const problem: Problem = local?.problem ?? { ...state, error: followUpErrorOf(state, "receipt") };
  const typed = local?.typed ?? (state.status === "refused" ? state.values.receipt : "") ?? "";

  const error = problem.error
    ? t(`errors.${problem.error}`, {
        count: problem.badGroups?.length ?? problem.digitCount ?? 0,
        groups: problem.badGroups?.join(", ") ?? "",
      })
    : undefined;
  const bad = new Set(problem.badGroups ?? []);
  const groups = bad.size ? splitGroups(receiptDigitsOf(typed), receiptGroupSize) : [];

  return (
    <form
      action={action}
      autoComplete="off"
      className="space-y-4"
      noValidate
      onSubmit={(event) => {
        const field = event.currentTarget.elements.namedItem("receipt") as HTMLInputElement;
        const found = problemOf(field.value);
        setLocal(found ? { problem: found, typed: field.value } : null);
        if (found) {
          event.preventDefault();
          field.focus();
        }
      }}
    >
      <Field name="receipt" label={t("receiptLabel")} hint={t("receiptFormatHint")} error={error}>
        <input
          // A new key after each answer, so the field shows what came back rather than being emptied.
          key={`${typed}|${problem.error ?? ""}`}
          id="receipt"
          name="receipt"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          required
          maxLength={100}
          defaultValue={typed}
          className="text-input font-mono text-lg tracking-wider"
          aria-describedby={error ? "receipt-hint receipt-error" : "receipt-hint"}
          aria-invalid={error ? true : undefined}
        />
      </Field>
      {groups.length > 0 && (
        // The same groups the error names, shown where the eye is: the text is for screen readers.
        <ol
          aria-hidden="true"
          className="flex flex-wrap gap-2 font-mono text-lg"
          data-testid="receipt-groups"
        >
          {groups.map((group, index) => (
            <li
              key={index}
              data-bad={bad.has(index + 1) ? "" : undefined}
              className={
                bad.has(index + 1)
                  ? "rounded border-2 border-red-800 bg-red-50 px-2 font-bold text-red-900"
                  : "rounded border border-slate-300 px-2 text-slate-700"
              }
            >
              {group}
            </li>
          ))}
        </ol>
      )}
      <Button type="submit" disabled={pending}>
        {t("open")}
      </Button>
    </form>
  );
}
