"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { enterReceiptAction } from "@/app/[locale]/(public)/follow-up/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function ReceiptEntryForm() {
  const t = useTranslations("FollowUp");
  const [state, action, pending] = useActionState(enterReceiptAction, null);
  const error = state?.error ? t(`errors.${state.error}` as never) : undefined;
  return (
    <form action={action} autoComplete="off" className="space-y-4">
      <Field name="receipt" label={t("receiptLabel")} hint={t("receiptHint")} error={error}>
        <input
          id="receipt"
          name="receipt"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          required
          maxLength={100}
          className="text-input font-mono text-lg tracking-wider"
          aria-describedby={error ? "receipt-hint receipt-error" : "receipt-hint"}
          aria-invalid={error ? true : undefined}
        />
      </Field>
      <Button type="submit" disabled={pending}>
        {t("open")}
      </Button>
    </form>
  );
}
