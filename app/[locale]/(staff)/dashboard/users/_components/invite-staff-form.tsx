"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorBox } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { idle } from "@/lib/actions/form-state";
import { roles } from "@/lib/auth/permissions";
import { locales } from "@/lib/i18n/routing";
import { inviteStaffAction, type InviteStaffState } from "../actions";

export function InviteStaffForm({
  organizations,
}: {
  organizations: { id: string; name: string }[];
}) {
  const t = useTranslations("Dashboard");
  const te = useTranslations("StaffErrors");
  const tl = useTranslations("LanguageSwitcher");
  const locale = useLocale();
  const [state, action, pending] = useActionState<InviteStaffState, FormData>(
    inviteStaffAction,
    idle,
  );
  const values = state.status === "refused" ? state.values : {};
  const fieldErrors = state.status === "refused" ? state.fieldErrors : {};
  const error = (name: string) => {
    const key = fieldErrors[name];
    return key ? te(key as Parameters<typeof te>[0]) : undefined;
  };
  const role = values.role ?? "ORG_STAFF";
  const organizationId = values.organizationId ?? "";
  const language = values.locale ?? locale;

  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2">
      {state.status === "done" && (
        <p
          role="status"
          className="rounded-md bg-teal-50 p-3 font-semibold text-teal-950 sm:col-span-2"
        >
          {t("invited", { email: state.data })}
        </p>
      )}
      {state.status === "refused" && Object.keys(fieldErrors).length === 0 && (
        <ErrorBox className="sm:col-span-2">
          {te(state.error === "forbidden" ? "forbidden" : "failed")}
        </ErrorBox>
      )}
      {/* Each select is keyed by the value it starts with. React resets a form after its action,
          and a select goes back to the option it was first drawn with (React does not redraw a
          changed defaultValue): without the key, a refused invitation would come back as
          "organisation staff" with no organisation, whatever was chosen. */}
      <Field name="name" label={t("name")} error={error("name")}>
        <input
          id="name"
          name="name"
          required
          className="text-input"
          autoComplete="off"
          defaultValue={values.name}
        />
      </Field>
      <Field name="email" label={t("email")} error={error("email")}>
        <input
          id="email"
          name="email"
          type="email"
          required
          className="text-input"
          autoComplete="off"
          defaultValue={values.email}
        />
      </Field>
      <Field name="role" label={t("role")} error={error("role")}>
        <select
          key={role}
          id="role"
          name="role"
          required
          className="text-input"
          defaultValue={role}
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field name="organizationId" label={t("organization")} error={error("organizationId")}>
        <select
          key={organizationId}
          id="organizationId"
          name="organizationId"
          className="text-input"
          defaultValue={organizationId}
        >
          <option value="">{t("noOrganization")}</option>
          {organizations.map((org) => (
            <option key={org.id} value={org.id}>
              {org.name}
            </option>
          ))}
        </select>
      </Field>
      <Field name="locale" label={t("language")}>
        <select
          key={language}
          id="locale"
          name="locale"
          className="text-input"
          defaultValue={language}
        >
          {locales.map((option) => (
            <option key={option} value={option}>
              {tl(option)}
            </option>
          ))}
        </select>
      </Field>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {t("invite")}
        </Button>
      </div>
    </form>
  );
}
