"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { inviteStaffAction } from "@/app/[locale]/(staff)/dashboard/users/actions";
import { ErrorBox } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { roles } from "@/lib/auth/permissions";
import { locales } from "@/lib/i18n/routing";

export function InviteStaffForm({
  organizations,
}: {
  organizations: { id: string; name: string }[];
}) {
  const t = useTranslations("Dashboard");
  const te = useTranslations("StaffErrors");
  const tl = useTranslations("LanguageSwitcher");
  const locale = useLocale();
  const [state, action, pending] = useActionState(inviteStaffAction, null);
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const error = (name: string) => {
    const key = state && !state.ok ? state.fieldErrors?.[name] : undefined;
    return key ? te(key as Parameters<typeof te>[0]) : undefined;
  };

  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2">
      {state?.ok && (
        <p
          role="status"
          className="rounded-md bg-teal-50 p-3 font-semibold text-teal-950 sm:col-span-2"
        >
          {t("invited", { email: state.message ?? "" })}
        </p>
      )}
      {state && !state.ok && !state.fieldErrors && (
        <ErrorBox className="sm:col-span-2">
          {te(state.error === "forbidden" ? "forbidden" : "failed")}
        </ErrorBox>
      )}
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
          id="role"
          name="role"
          required
          className="text-input"
          defaultValue={values.role ?? "ORG_STAFF"}
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
          id="organizationId"
          name="organizationId"
          className="text-input"
          defaultValue={values.organizationId ?? ""}
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
          id="locale"
          name="locale"
          className="text-input"
          defaultValue={values.locale ?? locale}
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
