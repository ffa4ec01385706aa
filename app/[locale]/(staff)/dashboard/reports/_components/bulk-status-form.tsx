"use client";

import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { ErrorLine } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { idle } from "@/lib/actions/form-state";
import { changeStatusAction, type ChangeStatusState } from "../actions";

/** Wraps the report list: tick reports, give a reason, close them or mark them as spam at once. */
export function BulkStatusForm({ children }: { children: ReactNode }) {
  const t = useTranslations("Triage");
  const [state, action, pending] = useActionState<ChangeStatusState, FormData>(
    changeStatusAction,
    idle,
  );
  return (
    <form action={action} className="space-y-3">
      {children}
      <fieldset className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-300 bg-white p-3">
        <legend className="px-1 font-semibold">{t("bulkTitle")}</legend>
        <label className="block text-sm font-semibold">
          {t("closeReason")}
          <input
            name="reason"
            maxLength={500}
            className="text-input mt-1"
            aria-describedby="bulk-reason-hint"
          />
        </label>
        <p id="bulk-reason-hint" className="text-sm text-slate-700">
          {t("closeReasonHint")}
        </p>
        <Button type="submit" name="to" value="CLOSED" variant="secondary" disabled={pending}>
          {t("close")}
        </Button>
        <Button type="submit" name="to" value="SPAM" variant="secondary" disabled={pending}>
          {t("markSpam")}
        </Button>
        {state.status === "done" && (
          <p role="status" className="font-semibold text-teal-900">
            {t("statusChanged", { count: state.data })}
          </p>
        )}
        {state.status === "refused" && (
          <ErrorLine>{state.fieldErrors.reason ? t("closeReasonHint") : t("failed")}</ErrorLine>
        )}
      </fieldset>
    </form>
  );
}
