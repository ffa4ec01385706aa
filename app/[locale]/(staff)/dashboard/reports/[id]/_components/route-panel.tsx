"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { idle } from "@/lib/actions/form-state";
import { canTransition, type ReportStatus } from "@/lib/triage/status";
import { routeReportAction, type RouteReportState } from "../../actions";
import { ActionOutcome } from "./action-outcome";

type Org = { id: string; slug: string; name: string };

export function RoutePanel({
  reportId,
  status,
  suggested,
  routed,
  organizations,
}: {
  reportId: string;
  status: ReportStatus;
  suggested: string[];
  routed: string[];
  organizations: Org[];
}) {
  const t = useTranslations("Triage");
  const [state, action, pending] = useActionState<RouteReportState, FormData>(
    routeReportAction,
    idle,
  );
  if (!canTransition(status, "REFERRED")) return null;
  return (
    <section
      aria-labelledby="route-title"
      className="space-y-3 rounded-lg border border-slate-300 bg-white p-4"
    >
      <h2 id="route-title" className="text-xl font-bold">
        {t("routeTitle")}
      </h2>
      <p>{t("routeIntro")}</p>
      <form action={action} className="space-y-3">
        <input type="hidden" name="reportId" value={reportId} />
        <fieldset>
          <legend className="font-semibold">{t("organizations")}</legend>
          <div className="mt-2 grid gap-2">
            {organizations.map((org) => (
              <div key={org.id} className="choice">
                <input
                  id={`route-${org.slug}`}
                  type="checkbox"
                  name="organizationIds"
                  value={org.id}
                  defaultChecked={suggested.includes(org.slug) && !routed.includes(org.id)}
                  className="choice-input"
                />
                <label htmlFor={`route-${org.slug}`} className="choice-label">
                  {org.name}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <label htmlFor="route-note" className="block font-semibold">
          {t("routeNote")}
        </label>
        <p id="route-note-hint" className="text-sm text-slate-700">
          {t("routeNoteHint")}
        </p>
        <textarea
          id="route-note"
          name="note"
          rows={3}
          maxLength={2000}
          className="text-input"
          aria-describedby="route-note-hint"
        />
        <ActionOutcome state={state} ok={t("routed")} />
        <Button type="submit" disabled={pending}>
          {t("routeSubmit")}
        </Button>
      </form>
    </section>
  );
}
