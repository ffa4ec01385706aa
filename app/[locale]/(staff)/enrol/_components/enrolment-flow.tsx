"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorBox } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { idle, type Refusal } from "@/lib/actions/form-state";
import {
  acceptInvitationAction,
  confirmEnrolmentAction,
  startEnrolmentAction,
  type ConfirmEnrolmentState,
  type EnrolmentScan,
  type EnrolmentState,
} from "../actions";
import { CurrentPasswordInput, OneTimeCodeInput } from "@/components/staff/credential-inputs";

/** The password step's refusals (enrol/actions.ts); "invalid" is shown beside its fields. */
const passwordRefusal: Partial<Record<Refusal, "inviteInvalid" | "rejected">> = {
  notFound: "inviteInvalid",
  forbidden: "rejected",
};

/** Password first (a new one from an invitation, or the current one), then the authenticator app. */
export function EnrolmentFlow({ token }: { token?: string }) {
  const t = useTranslations("StaffAuth");
  const te = useTranslations("StaffErrors");
  const [state, action, pending] = useActionState<EnrolmentState, FormData>(
    token ? acceptInvitationAction : startEnrolmentAction,
    idle,
  );
  if (state.status === "done") return <ScanStep scan={state.data} />;
  const refusal = state.status === "refused" ? state.error : undefined;
  const fieldError = (name: string) => {
    const key = state.status === "refused" ? state.fieldErrors[name] : undefined;
    return key ? te(key as Parameters<typeof te>[0]) : undefined;
  };

  return (
    <form action={action} className="space-y-5">
      {refusal && refusal !== "invalid" && (
        <ErrorBox>{t(passwordRefusal[refusal] ?? "failed")}</ErrorBox>
      )}
      {token && <input type="hidden" name="token" value={token} />}
      {token ? (
        <>
          <Field
            name="password"
            label={t("newPassword")}
            hint={t("newPasswordHint")}
            error={fieldError("password")}
          >
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={12}
              className="text-input"
              aria-describedby="password-hint"
            />
          </Field>
          <Field name="confirm" label={t("confirmPassword")} error={fieldError("confirm")}>
            <input
              id="confirm"
              name="confirm"
              type="password"
              autoComplete="new-password"
              required
              className="text-input"
            />
          </Field>
          <Button type="submit" disabled={pending}>
            {t("setPassword")}
          </Button>
        </>
      ) : (
        <>
          <p>{t("enrolPasswordIntro")}</p>
          <Field name="password" label={t("password")} error={fieldError("password")}>
            <CurrentPasswordInput />
          </Field>
          <Button type="submit" disabled={pending}>
            {t("startEnrol")}
          </Button>
        </>
      )}
    </form>
  );
}

function ScanStep({ scan }: { scan: EnrolmentScan }) {
  const t = useTranslations("StaffAuth");
  const [state, confirm, pending] = useActionState<ConfirmEnrolmentState, FormData>(
    confirmEnrolmentAction,
    idle,
  );
  // A code that is malformed or does not hold reads the same; a session gone is a failure.
  const refusal = state.status === "refused" ? state.error : undefined;
  return (
    <div className="space-y-6">
      <section className="space-y-2">
        <h2 className="text-lg font-bold">{t("enrolScan")}</h2>
        {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server, nothing fetched */}
        <img
          src={scan.qr}
          alt={t("enrolQrAlt")}
          width={220}
          height={220}
          className="border border-slate-300 bg-white"
        />
        <p>{t("enrolSecret")}</p>
        <p className="font-mono text-lg break-all" data-testid="totp-secret" translate="no">
          {scan.secret}
        </p>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-bold">{t("backupCodesTitle")}</h2>
        <p>{t("backupCodesText")}</p>
        <ul
          className="grid grid-cols-2 gap-1 font-mono sm:grid-cols-5"
          data-testid="backup-codes"
          translate="no"
        >
          {scan.backupCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
      </section>
      <form action={confirm} className="space-y-4">
        {refusal && (
          <ErrorBox>
            {t(refusal === "invalid" || refusal === "forbidden" ? "enrolFailed" : "failed")}
          </ErrorBox>
        )}
        <Field name="code" label={t("enrolCode")}>
          <OneTimeCodeInput pattern="[0-9]{6}" />
        </Field>
        <Button type="submit" disabled={pending}>
          {t("enrolConfirm")}
        </Button>
      </form>
    </div>
  );
}
