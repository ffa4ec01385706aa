"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ReferralOutcome } from "@/lib/generated/prisma/enums";
import {
  acknowledgeReferralAction,
  changeStatusAction,
  closeReferralAction,
  routeReportAction,
} from "@/app/[locale]/(staff)/dashboard/reports/actions";
import { ErrorLine } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/staff-action";
import { canTransition, type ReportStatus } from "@/lib/triage/status";

function Outcome({ state, ok }: { state: ActionResult<unknown> | null; ok?: string }) {
  const t = useTranslations("Triage");
  if (!state) return null;
  if (state.ok)
    return (
      <p role="status" className="font-semibold text-teal-900">
        {ok ?? t("done")}
      </p>
    );
  const messageFor = {
    conflict: "alreadyRouted",
    forbidden: "forbidden",
    notFound: "notFound",
    notAllowed: "notAllowed",
  } as const;
  const key =
    state.error in messageFor ? messageFor[state.error as keyof typeof messageFor] : "failed";
  return <ErrorLine>{t(key)}</ErrorLine>;
}

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
  const [state, action, pending] = useActionState(routeReportAction, null);
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
        <Outcome state={state} ok={t("routed")} />
        <Button type="submit" disabled={pending}>
          {t("routeSubmit")}
        </Button>
      </form>
    </section>
  );
}

export function StatusPanel({ reportId, status }: { reportId: string; status: ReportStatus }) {
  const t = useTranslations("Triage");
  const [state, action, pending] = useActionState(changeStatusAction, null);
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
        <Outcome state={state} />
        <div className="flex flex-wrap gap-3">
          {canTransition(status, "IN_TRIAGE") && (
            <Button
              type="submit"
              name="to"
              value="IN_TRIAGE"
              variant="secondary"
              disabled={pending}
            >
              {t("startTriage")}
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

type ReferralView = {
  id: string;
  organization: string;
  note: string | null;
  createdAt: string;
  acknowledged: boolean;
  closed: boolean;
  outcome: string | null;
  mine: boolean;
};

export function ReferralPanel({
  referrals,
  canUpdate,
}: {
  referrals: ReferralView[];
  canUpdate: boolean;
}) {
  const t = useTranslations("Triage");
  if (referrals.length === 0) return null;
  return (
    <section aria-labelledby="referrals-title" className="space-y-3">
      <h2 id="referrals-title" className="text-xl font-bold">
        {t("referralsTitle")}
      </h2>
      {referrals.map((referral) => (
        <ReferralCard
          key={referral.id}
          referral={referral}
          canUpdate={canUpdate && referral.mine}
        />
      ))}
    </section>
  );
}

function ReferralCard({ referral, canUpdate }: { referral: ReferralView; canUpdate: boolean }) {
  const t = useTranslations("Triage");
  const [ackState, acknowledge] = useActionState(acknowledgeReferralAction, null);
  const [closeState, close, closing] = useActionState(closeReferralAction, null);
  return (
    <article
      className="space-y-2 rounded-lg border border-slate-300 bg-white p-4"
      data-testid="referral"
    >
      <p className="font-semibold">
        {t("routedTo")}: {referral.organization} · {referral.createdAt}
      </p>
      {referral.note && <p className="whitespace-pre-wrap">{referral.note}</p>}
      <p>
        {referral.closed
          ? t("closedWith", { outcome: t(`outcomes.${referral.outcome as "ASSISTED"}`) })
          : referral.acknowledged
            ? t("acknowledged")
            : t("notAcknowledged")}
      </p>
      {canUpdate && !referral.closed && (
        <div className="flex flex-wrap items-end gap-4">
          {!referral.acknowledged && (
            <form action={acknowledge}>
              <input type="hidden" name="referralId" value={referral.id} />
              <Button type="submit" variant="secondary">
                {t("acknowledge")}
              </Button>
              <Outcome state={ackState} />
            </form>
          )}
          <form action={close} className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="referralId" value={referral.id} />
            <label className="block text-sm font-semibold">
              {t("outcome")}
              <select name="outcome" className="text-input mt-1" defaultValue="ASSISTED">
                {Object.values(ReferralOutcome).map((o) => (
                  <option key={o} value={o}>
                    {t(`outcomes.${o}`)}
                  </option>
                ))}
              </select>
            </label>
            <Button type="submit" disabled={closing}>
              {t("closeReferral")}
            </Button>
            <Outcome state={closeState} />
          </form>
        </div>
      )}
    </article>
  );
}
