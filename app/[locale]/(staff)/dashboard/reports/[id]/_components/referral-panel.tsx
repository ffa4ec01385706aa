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

type ReferralView = {
  id: string;
  organization: string;
  note: string | null;
  createdAt: string;
  acknowledged: boolean;
  closed: boolean;
  outcome: string | null;
  mine: boolean;
  holder: { id: string; name: string } | null;
};

export function ReferralPanel({
  referrals,
  canUpdate,
  canAssign,
  me,
}: {
  referrals: ReferralView[];
  canUpdate: boolean;
  canAssign: boolean;
  me: string;
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
          canAssign={canAssign && referral.mine}
          me={me}
        />
      ))}
    </section>
  );
}

function ReferralCard({
  referral,
  canUpdate,
  canAssign,
  me,
}: {
  referral: ReferralView;
  canUpdate: boolean;
  canAssign: boolean;
  me: string;
}) {
  const t = useTranslations("Triage");
  const [ackState, acknowledge] = useActionState<ReferralState, FormData>(
    acknowledgeReferralAction,
    idle,
  );
  const [closeState, close, closing] = useActionState<CloseReferralState, FormData>(
    closeReferralAction,
    idle,
  );
  return (
    <article
      className="space-y-2 rounded-lg border border-slate-300 bg-white p-4"
      data-testid="referral"
    >
      <p className="font-semibold">
        {t("routedTo")}: {referral.organization} · {referral.createdAt}
      </p>
      {referral.note && <p className="whitespace-pre-wrap">{referral.note}</p>}
      {canAssign && !referral.closed && (
        <AssignmentControl subject="referral" id={referral.id} holder={referral.holder} me={me} />
      )}
      <p>
        {referral.closed
          ? t("closedWith", { outcome: t(`outcomes.${referral.outcome as ReferralOutcome}`) })
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
    </article>
  );
}
