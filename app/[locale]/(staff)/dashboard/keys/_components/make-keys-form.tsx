"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorLine } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { idle } from "@/lib/actions/form-state";
import { makeOrganizationKeysAction, type MakeKeysState } from "../actions";
import { RecoveryKeyNotice } from "./recovery-key-notice";

// Stays mounted once the keys exist, so the recovery key the answer carries is still shown after
// the page re-renders around it; it is shown this once and then only lives on paper.
export function MakeKeysForm({ hasKeys }: { hasKeys: boolean }) {
  const t = useTranslations("OrganizationKeys");
  const [state, action, pending] = useActionState<MakeKeysState, FormData>(
    makeOrganizationKeysAction,
    idle,
  );
  if (state.status === "done") return <RecoveryKeyNotice recoveryKey={state.data.recoveryKey} />;
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
