"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorBox } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { idle } from "@/lib/actions/form-state";
import { signInAction, type SignInState } from "../actions";
import { CurrentPasswordInput } from "@/components/staff/credential-inputs";

export function SignInForm({ next }: { next?: string }) {
  const t = useTranslations("StaffAuth");
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, idle);
  // One refusal whatever was wrong (lib/auth/sign-in.ts): a malformed address included.
  const refused = state.status === "refused";
  return (
    <form action={action} className="space-y-5">
      {/* Where to continue after signing in; checked again by the action (lib/auth/return-path.ts). */}
      {next && <input type="hidden" name="next" value={next} />}
      {refused && <ErrorBox>{t("rejected")}</ErrorBox>}
      <Field name="email" label={t("email")}>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          className="text-input"
          defaultValue={refused ? state.values.email : undefined}
        />
      </Field>
      <Field name="password" label={t("password")}>
        <CurrentPasswordInput />
      </Field>
      {/* Offered after any refusal, to everyone: a locked account opens only with a code as well,
          and showing the field whatever happened tells no one which accounts are locked. */}
      {refused && (
        <Field name="code" label={t("signInCode")} hint={t("signInCodeHint")}>
          <input
            id="code"
            name="code"
            autoComplete="one-time-code"
            className="text-input sm:max-w-xs"
            aria-describedby="code-hint"
          />
        </Field>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? t("signingIn") : t("signIn")}
      </Button>
    </form>
  );
}
