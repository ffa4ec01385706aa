"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorLine } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { idle } from "@/lib/actions/form-state";
import { updateOrganizationAction, type UpdateOrganizationState } from "../actions";

export type OrganizationFields = Record<
  | "id"
  | "nameSl"
  | "nameEn"
  | "nameUk"
  | "email"
  | "notificationEmail"
  | "website"
  | "onlineFormUrl"
  | "phones",
  string
>;

export function OrganizationForm({ organization }: { organization: OrganizationFields }) {
  const t = useTranslations("Organizations");
  const [state, action, pending] = useActionState<UpdateOrganizationState, FormData>(
    updateOrganizationAction,
    idle,
  );
  const refused = state.status === "refused";
  const values = refused ? { ...organization, ...state.values } : organization;
  const fieldErrors = refused ? state.fieldErrors : {};
  // The action's schema names its errors by these keys (lib/validation/organization.ts).
  const error = (name: string) => {
    const key = fieldErrors[name];
    return key === "name" || key === "email" || key === "url" || key === "phones"
      ? t(`errors.${key}`)
      : key && t("failed");
  };
  const id = (name: string) => `${organization.id}-${name}`;
  const text = (name: Exclude<keyof OrganizationFields, "id">, type = "text") => (
    <Field name={id(name)} label={t(name)} error={error(name)}>
      <input
        id={id(name)}
        name={name}
        type={type}
        defaultValue={values[name]}
        className="text-input"
      />
    </Field>
  );
  return (
    <form
      action={action}
      className="grid gap-4 sm:grid-cols-2"
      data-testid={`organization-${organization.id}`}
    >
      <input type="hidden" name="id" value={organization.id} />
      {text("nameSl")}
      {text("nameEn")}
      {text("nameUk")}
      {text("email", "email")}
      {text("notificationEmail", "email")}
      {text("website", "url")}
      {text("onlineFormUrl", "url")}
      <div className="sm:col-span-2">
        <Field
          name={id("phones")}
          label={t("phones")}
          hint={t("phonesHint")}
          error={error("phones")}
        >
          <textarea
            id={id("phones")}
            name="phones"
            rows={3}
            defaultValue={values.phones}
            className="text-input font-mono"
            aria-describedby={`${id("phones")}-hint`}
          />
        </Field>
      </div>
      <div className="flex items-center gap-4 sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {t("save")}
        </Button>
        {state.status === "done" && (
          <p role="status" className="font-semibold text-teal-900">
            {t("saved")}
          </p>
        )}
        {refused && Object.keys(fieldErrors).length === 0 && <ErrorLine>{t("failed")}</ErrorLine>}
      </div>
    </form>
  );
}
