"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorBox } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { idle } from "@/lib/actions/form-state";
import { roles, type Role } from "@/lib/auth/permissions";
import { locales } from "@/lib/i18n/routing";
import { inviteStaffAction, type InviteStaffState } from "../actions";

/** One valid role/organisation pair (lib/auth/placements.ts), with the organisation's name. */
export type PlacementChoice = { value: string; role: Role; organization: string | null };

export function InviteStaffForm({ placements }: { placements: PlacementChoice[] }) {
  const t = useTranslations("Dashboard");
  const ti = useTranslations("InviteForm");
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
  // No pair is preselected: a default would invite someone as whatever happened to come first.
  const placement = values.placement ?? "";
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
      {/* Role and organisation are one choice, so no combination the server would refuse is
          offered, with or without JavaScript; each organisation is listed under the role it goes
          with (administrators and triage officers have none of their own to choose). */}
      <Field
        name="placement"
        label={ti("placement")}
        hint={ti("placementHint")}
        error={error("placement")}
      >
        <select
          key={placement}
          id="placement"
          name="placement"
          required
          className="text-input"
          defaultValue={placement}
          aria-describedby={describedBy("placement", { hint: true, error: error("placement") })}
          aria-invalid={error("placement") ? true : undefined}
        >
          <option value="" disabled>
            {ti("choose")}
          </option>
          {roles.map((role) => (
            <optgroup key={role} label={t(`roles.${role}`)}>
              {placements
                .filter((choice) => choice.role === role)
                .map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.organization
                      ? ti("atOrganization", {
                          role: t(`roles.${role}`),
                          organization: choice.organization,
                        })
                      : ti("withoutOrganization", { role: t(`roles.${role}`) })}
                  </option>
                ))}
            </optgroup>
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
