"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorLine } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { idle } from "@/lib/actions/form-state";
import { makeOrganizationKeysAction, type MakeKeysState } from "../actions";

// Stays mounted once the keys exist, so the recovery key the answer carries is still shown after
// the page re-renders around it; it is shown this once and then only lives on paper.
export function MakeKeysForm({ hasKeys }: { hasKeys: boolean }) {
  const t = useTranslations("OrganizationKeys");
  const [state, action, pending] = useActionState<MakeKeysState, FormData>(
    makeOrganizationKeysAction,
    idle,
  );
  if (state.status === "done")
    return (
      <section
        aria-labelledby="recovery-key"
        className="space-y-3 rounded-lg border-4 border-amber-600 bg-amber-50 p-4"
      >
        <h2 id="recovery-key" className="text-xl font-bold">
          {t("recoveryTitle")}
        </h2>
        <p>{t("recoveryShownOnce")}</p>
        <p
          className="rounded-md bg-white p-3 font-mono text-lg break-all"
          data-testid="recovery-key"
        >
          {state.data.recoveryKey}
        </p>
        <p>{t("recoveryGuidance")}</p>
      </section>
    );
  if (hasKeys) return null;
  return (
    <form action={action} className="space-y-3">
      <p>{t("noKeysYet")}</p>
      <Button type="submit" disabled={pending}>
        {t("makeKeys")}
      </Button>
      {state.status === "refused" && (
        <ErrorLine>{state.error === "conflict" ? t("exists") : t("failed")}</ErrorLine>
      )}
    </form>
  );
}
