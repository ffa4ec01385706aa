"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { idle } from "@/lib/actions/form-state";
import { recoverOrganizationKeyAction, type RecoverKeyState } from "../actions";

// The recovery key is never put back into the page after a refusal (its field's name marks it
// secret, lib/actions/posted-fields.ts): typing it again is the price of not echoing it.
export function RecoverKeyForm() {
  const t = useTranslations("OrganizationKeys");
  const [state, action, pending] = useActionState<RecoverKeyState, FormData>(
    recoverOrganizationKeyAction,
    idle,
  );
  const problem = state.status === "refused" ? state.fieldErrors.recoveryCode : undefined;
  const error =
    state.status !== "refused"
      ? undefined
      : problem === "mistyped" || problem === "wrongKey"
        ? t(`errors.${problem}`)
        : t("failed");
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
      <h2 className="text-xl font-bold">{t("recoverTitle")}</h2>
      <p>{t("recoverHint")}</p>
      <Field name="recoveryCode" label={t("recoveryCode")} error={error}>
        <input
          id="recoveryCode"
          name="recoveryCode"
          type="text"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "recoveryCode-error" : undefined}
          className="text-input font-mono"
        />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("recover")}
      </Button>
    </form>
  );
}
