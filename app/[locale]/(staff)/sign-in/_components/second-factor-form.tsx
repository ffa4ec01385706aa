"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorBox } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Choice, ChoiceGroup, Field } from "@/components/ui/field";
import { idle } from "@/lib/actions/form-state";
import { verifySecondFactorAction, type SecondFactorState } from "../actions";
import { OneTimeCodeInput } from "@/components/staff/credential-inputs";

export function SecondFactorForm({ next }: { next?: string }) {
  const t = useTranslations("StaffAuth");
  const [state, action, pending] = useActionState<SecondFactorState, FormData>(
    verifySecondFactorAction,
    idle,
  );
  return (
    <form action={action} className="space-y-5">
      {/* Where to continue after signing in; checked again by the action (lib/auth/return-path.ts). */}
      {next && <input type="hidden" name="next" value={next} />}
      {state.status === "refused" && <ErrorBox>{t("verifyFailed")}</ErrorBox>}
      <Field name="code" label={t("code")} hint={t("backupCodeHint")}>
        <OneTimeCodeInput aria-describedby="code-hint" />
      </Field>
      <ChoiceGroup name="kind" legend={t("codeKind")}>
        <Choice
          id="kind-totp"
          type="radio"
          name="kind"
          value="totp"
          defaultChecked
          label={t("codeKinds.totp")}
        />
        <Choice
          id="kind-backup"
          type="radio"
          name="kind"
          value="backup"
          label={t("codeKinds.backup")}
        />
      </ChoiceGroup>
      <Button type="submit" disabled={pending}>
        {t("verify")}
      </Button>
    </form>
  );
}
