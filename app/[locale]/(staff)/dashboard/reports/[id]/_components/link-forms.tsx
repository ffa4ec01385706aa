"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorLine } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { idle } from "@/lib/actions/form-state";
import {
  addIdentifierAction,
  decideLinkAction,
  routeLinkedGroupAction,
  type AddIdentifierState,
  type DecideLinkState,
  type RouteGroupState,
} from "../actions";
import { ActionOutcome } from "./action-outcome";

/** Confirm or dismiss one possible link: two buttons of one form, so it works without JavaScript. */
export function DecideLinkForm({
  reportId,
  otherReportId,
  current,
}: {
  reportId: string;
  otherReportId: string;
  current: "CONFIRMED" | "DISMISSED" | null;
}) {
  const t = useTranslations("Links");
  const [state, action, pending] = useActionState<DecideLinkState, FormData>(
    decideLinkAction,
    idle,
  );
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="reportId" value={reportId} />
      <input type="hidden" name="otherReportId" value={otherReportId} />
      {current !== "CONFIRMED" && (
        <Button type="submit" name="decision" value="CONFIRMED" disabled={pending}>
          {t("confirm")}
        </Button>
      )}
      {current !== "DISMISSED" && (
        <Button
          type="submit"
          name="decision"
          value="DISMISSED"
          variant="secondary"
          disabled={pending}
        >
          {t("dismiss")}
        </Button>
      )}
      <ActionOutcome
        state={state}
        ok={
          state.status === "done" && state.message === "dismissed" ? t("dismissed") : t("confirmed")
        }
      />
    </form>
  );
}

/** An identifier typed by hand: normalised and indexed like the report's own (triage only). */
export function AddIdentifierForm({ reportId }: { reportId: string }) {
  const t = useTranslations("Links");
  const [state, action, pending] = useActionState<AddIdentifierState, FormData>(
    addIdentifierAction,
    idle,
  );
  const fieldId = `identifier-${reportId}`;
  const fieldError = state.status === "refused" ? state.fieldErrors.text : undefined;
  return (
    <form action={action} className="space-y-2 border-t border-slate-200 pt-3">
      <input type="hidden" name="reportId" value={reportId} />
      <label htmlFor={fieldId} className="block font-semibold">
        {t("addLabel")}
      </label>
      <p id={`${fieldId}-hint`} className="text-sm text-slate-700">
        {t("addHint")}
      </p>
      <input
        id={fieldId}
        name="text"
        type="text"
        maxLength={300}
        required
        className="text-input"
        aria-describedby={`${fieldId}-hint`}
        aria-invalid={fieldError ? true : undefined}
        defaultValue={state.status === "refused" ? state.values.text : undefined}
      />
      {state.status === "done" && (
        <p role="status" className="font-semibold text-teal-900">
          {t("added", { kinds: state.data.map((kind) => t(`kinds.${kind}`)).join(", ") })}
        </p>
      )}
      {fieldError === "noIdentifier" ||
      fieldError === "identifierRequired" ||
      fieldError === "identifierTooLong" ? (
        <ErrorLine>{t(fieldError)}</ErrorLine>
      ) : state.status === "refused" && state.error === "notAllowed" ? (
        <ErrorLine>{t("noKey")}</ErrorLine>
      ) : (
        state.status === "refused" && <ActionOutcome state={state} />
      )}
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("addSubmit")}
      </Button>
    </form>
  );
}

/** The confirmed group to more organisations at once: routing, once per report, skipping holders. */
export function RouteGroupForm({
  reportId,
  count,
  organizations,
}: {
  reportId: string;
  count: number;
  organizations: { id: string; name: string }[];
}) {
  const t = useTranslations("Links");
  const [state, action, pending] = useActionState<RouteGroupState, FormData>(
    routeLinkedGroupAction,
    idle,
  );
  return (
    <form
      action={action}
      className="space-y-2 border-t border-slate-200 pt-3"
      data-testid="route-group"
    >
      <input type="hidden" name="reportId" value={reportId} />
      <fieldset>
        <legend className="font-semibold">{t("groupTitle")}</legend>
        <p className="text-sm text-slate-700">{t("groupIntro", { count })}</p>
        <div className="mt-2 grid gap-2">
          {organizations.map((org) => (
            <div key={org.id} className="choice">
              <input
                id={`group-${org.id}`}
                type="checkbox"
                name="organizationIds"
                value={org.id}
                className="choice-input"
              />
              <label htmlFor={`group-${org.id}`} className="choice-label">
                {org.name}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      {state.status === "done" ? (
        <p role="status" className="font-semibold text-teal-900">
          {t("groupRouted", { routed: state.data.routed, skipped: state.data.skipped })}
        </p>
      ) : state.status === "refused" && state.fieldErrors.organizationIds ? (
        <ErrorLine>{t("groupNoOrganization")}</ErrorLine>
      ) : (
        <ActionOutcome state={state} />
      )}
      <Button type="submit" disabled={pending}>
        {t("groupSubmit")}
      </Button>
    </form>
  );
}
