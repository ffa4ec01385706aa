"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { idle } from "@/lib/actions/form-state";
import { canTransition, type ReportStatus } from "@/lib/triage/status";
import { routeReportAction, type RouteReportState } from "../../actions";
import { ActionOutcome } from "./action-outcome";

type Org = { id: string; slug: string; name: string };

/**
 * Routing as a decision, not a form that repeats itself: before the first referral the
 * suggestion is preselected; once the report has referrals, only organisations not yet holding
 * it are offered and nothing is ticked, so submitting again can never re-send it (the server
 * refuses that too: lib/referrals/route-report.ts). A note for a recipient is written on its
 * referral card (referral-notes.tsx), never here.
 */
export function RoutePanel({
  reportId,
  status,
  suggested,
  reasons,
  routed,
  organizations,
}: {
  reportId: string;
  status: ReportStatus;
  suggested: string[];
  /** The suggestion's reasons, already in the staff member's words. */
  reasons: string[];
  routed: string[];
  organizations: Org[];
}) {
  const t = useTranslations("Triage");
  const tr = useTranslations("Routing");
  const [state, action, pending] = useActionState<RouteReportState, FormData>(
    routeReportAction,
    idle,
  );
  if (!canTransition(status, "REFERRED")) return null;
  const again = routed.length > 0;
  const offered = organizations.filter((org) => !routed.includes(org.id));
  const suggestedNames = organizations
    .filter((org) => suggested.includes(org.slug))
    .map((org) => org.name);
  return (
    <section
      aria-labelledby="route-title"
      className="space-y-3 rounded-lg border border-slate-300 bg-white p-4"
      data-testid="route-panel"
    >
      <h2 id="route-title" className="text-xl font-bold">
        {again ? tr("routeAgainTitle") : t("routeTitle")}
      </h2>
      <div className="rounded-md bg-slate-100 p-3 text-sm" data-testid="route-suggestion">
        <p className="font-semibold">
          {tr("suggestion")}: {suggestedNames.join(", ") || t("noReasons")}
        </p>
        {reasons.length > 0 && (
          <>
            <p>{tr("suggestionWhy")}:</p>
            <ul className="list-disc pl-6">
              {reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </>
        )}
      </div>
      {offered.length === 0 ? (
        <p>{tr("allRouted")}</p>
      ) : (
        <>
          <p>{again ? tr("routeAgainIntro") : t("routeIntro")}</p>
          <form action={action} className="space-y-3">
            <input type="hidden" name="reportId" value={reportId} />
            <fieldset>
              <legend className="font-semibold">{t("organizations")}</legend>
              <div className="mt-2 grid gap-2">
                {offered.map((org) => (
                  <div key={org.id} className="choice">
                    <input
                      id={`route-${org.slug}`}
                      type="checkbox"
                      name="organizationIds"
                      value={org.id}
                      defaultChecked={!again && suggested.includes(org.slug)}
                      className="choice-input"
                    />
                    <label htmlFor={`route-${org.slug}`} className="choice-label">
                      {org.name}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
            <p className="text-sm text-slate-700">{tr("notesApart")}</p>
            <ActionOutcome state={state} ok={t("routed")} />
            <Button type="submit" disabled={pending}>
              {again ? tr("routeAgainSubmit") : t("routeSubmit")}
            </Button>
          </form>
        </>
      )}
    </section>
  );
}
