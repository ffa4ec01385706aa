"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorLine } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { idle } from "@/lib/actions/form-state";
import {
  releaseReferralAction,
  releaseReportAction,
  takeReferralAction,
  takeReportAction,
  type AssignmentState,
} from "../../actions";
import { HandOnForm } from "./hand-on-form";

const actions = {
  report: { take: takeReportAction, release: releaseReportAction },
  referral: { take: takeReferralAction, release: releaseReferralAction },
} as const;

/**
 * Who holds a report (triage) or a referral (its organisation's staff), with Take or Release,
 * and handing on to a colleague. Someone else's hold is shown by name and never taken over by
 * Take: handing on (to oneself too) is explicit and names the holder it replaces.
 */
export function AssignmentControl({
  subject,
  id,
  holder,
  me,
  colleagues = [],
}: {
  subject: "report" | "referral";
  id: string;
  holder: { id: string; name: string } | null;
  me: string;
  /** Who it may be handed to (lib/assignment/assign.ts listAssignableColleagues). */
  colleagues?: { id: string; name: string }[];
}) {
  const t = useTranslations("Assignment");
  const mine = holder?.id === me;
  const [state, action, pending] = useActionState<AssignmentState, FormData>(
    mine ? actions[subject].release : actions[subject].take,
    idle,
  );
  return (
    <div className="flex flex-wrap items-end gap-x-6 gap-y-2">
      <form action={action} className="flex flex-wrap items-center gap-3" data-testid="assignment">
        <input type="hidden" name="id" value={id} />
        <span data-testid="holder">
          {mine ? t("mine") : holder ? t("heldBy", { name: holder.name }) : t("unassigned")}
        </span>
        {(mine || !holder) && (
          <Button type="submit" variant="secondary" disabled={pending}>
            {mine ? t("release") : t("take")}
          </Button>
        )}
        {state.status === "done" && (
          <p role="status" className="font-semibold text-teal-900">
            {state.message === "released" ? t("released") : t("taken")}
          </p>
        )}
        {state.status === "refused" && (
          <ErrorLine>{t(state.error === "conflict" ? "changedMeanwhile" : "notFound")}</ErrorLine>
        )}
      </form>
      <HandOnForm subject={subject} id={id} holder={holder} colleagues={colleagues} />
    </div>
  );
}
