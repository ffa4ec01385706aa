"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { idle } from "@/lib/actions/form-state";
import { ReferralOutcome } from "@/lib/generated/prisma/enums";
import {
  acknowledgeReferralAction,
  closeReferralAction,
  type CloseReferralState,
  type ReferralState,
} from "../../actions";
import { ActionOutcome } from "./action-outcome";
import { AssignmentControl } from "./assignment-control";
import type { NoteView } from "./note-list";
import { ReferralNotes } from "./referral-notes";

type Person = { id: string; name: string };

export type ReferralView = {
  id: string;
  slug: string;
  organization: string;
  /** The note written with the routing itself, before notes were their own action. */
  routedNote: string | null;
  routedAt: string;
  routedBy: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
  outcome: ReferralOutcome | null;
  holder: Person | null;
  notes: NoteView[];
};

export function ReferralCard({
  referral,
  me,
  colleagues,
  canUpdate,
  canAssign,
  canNote,
}: {
  referral: ReferralView;
  me: string;
  colleagues: Person[];
  canUpdate: boolean;
  canAssign: boolean;
  canNote: boolean;
}) {
  const t = useTranslations("Triage");
  const tc = useTranslations("ReferralCard");
  const [ackState, acknowledge] = useActionState<ReferralState, FormData>(
    acknowledgeReferralAction,
    idle,
  );
  const [closeState, close, closing] = useActionState<CloseReferralState, FormData>(
    closeReferralAction,
    idle,
  );
  const closed = referral.closedAt !== null;
  const someone = tc("unknownPerson");
  return (
    <article
      className="space-y-2 rounded-lg border border-slate-300 bg-white p-4"
      data-testid="referral"
      data-organization={referral.slug}
    >
      <h3 className="font-semibold">
        {t("routedTo")}: {referral.organization}
      </h3>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{tc("routed")}</dt>
        <dd data-testid="referral-routed">
          {tc("when", { time: referral.routedAt, name: referral.routedBy ?? someone })}
        </dd>
        <dt className="font-semibold">{tc("acknowledged")}</dt>
        <dd data-testid="referral-acknowledged">
          {referral.acknowledgedAt
            ? tc("when", {
                time: referral.acknowledgedAt,
                name: referral.acknowledgedBy ?? someone,
              })
            : t("notAcknowledged")}
        </dd>
        <dt className="font-semibold">{tc("closed")}</dt>
        <dd data-testid="referral-closed">
          {closed
            ? tc("closedWhen", {
                time: referral.closedAt!,
                name: referral.closedBy ?? someone,
                outcome: referral.outcome ? t(`outcomes.${referral.outcome}`) : someone,
              })
            : tc("open")}
        </dd>
      </dl>
      {referral.routedNote && (
        <div className="rounded-md bg-slate-100 p-3 text-sm">
          <p className="font-semibold">{tc("routedNote")}</p>
          <p className="whitespace-pre-wrap">{referral.routedNote}</p>
        </div>
      )}
      {canAssign && !closed && (
        <AssignmentControl
          subject="referral"
          id={referral.id}
          holder={referral.holder}
          me={me}
          colleagues={colleagues}
        />
      )}
      {canUpdate && !closed && (
        <div className="flex flex-wrap items-end gap-4">
          {!referral.acknowledgedAt && (
            <form action={acknowledge}>
              <input type="hidden" name="referralId" value={referral.id} />
              <Button type="submit" variant="secondary">
                {t("acknowledge")}
              </Button>
              <ActionOutcome state={ackState} />
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
            <ActionOutcome state={closeState} />
          </form>
        </div>
      )}
      <ReferralNotes referralId={referral.id} notes={referral.notes} canWrite={canNote} />
    </article>
  );
}
