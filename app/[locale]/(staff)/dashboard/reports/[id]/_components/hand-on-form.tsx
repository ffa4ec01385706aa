"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorLine } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { idle } from "@/lib/actions/form-state";
import { handOnReferralAction, handOnReportAction, type HandOnState } from "../../actions";

type Person = { id: string; name: string };

const actions = { report: handOnReportAction, referral: handOnReferralAction } as const;

/**
 * Hands a report (triage) or a referral (its organisation's staff) to a colleague who may hold
 * it. The form carries the holder the page showed: if someone changed it meanwhile, the server
 * changes nothing and says so (lib/assignment/assign.ts), so nobody's take is silently overwritten.
 */
export function HandOnForm({
  subject,
  id,
  holder,
  colleagues,
}: {
  subject: "report" | "referral";
  id: string;
  holder: Person | null;
  colleagues: Person[];
}) {
  const t = useTranslations("Assignment");
  const [state, action, pending] = useActionState<HandOnState, FormData>(actions[subject], idle);
  const offered = colleagues.filter((person) => person.id !== holder?.id);
  if (offered.length === 0) return null;
  const selectId = `hand-on-${id}`;
  const chosen = state.status === "refused" ? state.values.to : undefined;
  const handedTo =
    state.status === "done" ? colleagues.find((person) => person.id === state.data)?.name : null;
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" data-testid="hand-on">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="expectedHolderId" value={holder?.id ?? ""} />
      <label htmlFor={selectId} className="block text-sm font-semibold">
        {t("handOn")}
        <select
          key={chosen}
          id={selectId}
          name="to"
          required
          className="text-input mt-1"
          defaultValue={chosen ?? ""}
        >
          <option value="" disabled>
            {t("chooseColleague")}
          </option>
          {offered.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("handOnSubmit")}
      </Button>
      {handedTo && (
        <p role="status" className="font-semibold text-teal-900">
          {t("handedOn", { name: handedTo })}
        </p>
      )}
      {state.status === "refused" && (
        <ErrorLine>
          {t(
            state.error === "conflict"
              ? "changedMeanwhile"
              : state.fieldErrors.to
                ? "invalidAssignee"
                : "notFound",
          )}
        </ErrorLine>
      )}
    </form>
  );
}
