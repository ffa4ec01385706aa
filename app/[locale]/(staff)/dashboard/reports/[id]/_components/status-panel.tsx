"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { idle } from "@/lib/actions/form-state";
import { canTransition, finalStatuses, type ReportStatus } from "@/lib/triage/status";
import { changeStatusAction, type ChangeStatusState } from "../../actions";
import { ActionOutcome } from "./action-outcome";

export function StatusPanel({ reportId, status }: { reportId: string; status: ReportStatus }) {
  const t = useTranslations("Triage");
  const tr = useTranslations("Routing");
  const [state, action, pending] = useActionState<ChangeStatusState, FormData>(
    changeStatusAction,
    idle,
  );
  const final = canTransition(status, "CLOSED") || canTransition(status, "SPAM");
  if (!final && !canTransition(status, "IN_TRIAGE")) return null;
  return (
    <section
      aria-labelledby="status-title"
      className="space-y-3 rounded-lg border border-slate-300 bg-white p-4"
    >
      <h2 id="status-title" className="text-xl font-bold">
        {t("statusTitle")}
      </h2>
      <form action={action} className="space-y-3">
        <input type="hidden" name="reportIds" value={reportId} />
        {final && (
          <>
            <label htmlFor="close-reason" className="block font-semibold">
              {t("closeReason")}
            </label>
            <p id="close-reason-hint" className="text-sm text-slate-700">
              {t("closeReasonHint")}
            </p>
            <input
              id="close-reason"
              name="reason"
              maxLength={500}
              className="text-input"
              aria-describedby="close-reason-hint"
            />
          </>
        )}
        <ActionOutcome state={state} />
        <div className="flex flex-wrap gap-3">
          {canTransition(status, "IN_TRIAGE") && (
            <Button
              type="submit"
              name="to"
              value="IN_TRIAGE"
              variant="secondary"
              disabled={pending}
            >
              {/* From a closed or spam report, taking it back into triage is reopening it. */}
              {finalStatuses.includes(status) ? tr("reopen") : t("startTriage")}
            </Button>
          )}
          {canTransition(status, "CLOSED") && (
            <Button type="submit" name="to" value="CLOSED" variant="secondary" disabled={pending}>
              {t("close")}
            </Button>
          )}
          {canTransition(status, "SPAM") && (
            <Button type="submit" name="to" value="SPAM" variant="secondary" disabled={pending}>
              {t("markSpam")}
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}
