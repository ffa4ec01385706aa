"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorLine } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { idle } from "@/lib/actions/form-state";
import { rotateOrganizationKeyAction, type MakeKeysState } from "../actions";
import { RecoveryKeyNotice } from "./recovery-key-notice";

// Replacing the key is for when someone who held it should no longer: shown to members who hold
// it in this session. Like making the keys, its answer carries the new recovery key, once.
export function RotateKeyForm() {
  const t = useTranslations("OrganizationKeys");
  const [state, action, pending] = useActionState<MakeKeysState, FormData>(
    rotateOrganizationKeyAction,
    idle,
  );
  if (state.status === "done")
    return (
      <>
        <p role="status" className="font-semibold">
          {t("rotated")}
        </p>
        <RecoveryKeyNotice recoveryKey={state.data.recoveryKey} />
      </>
    );
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
      <h2 className="text-xl font-bold">{t("rotateTitle")}</h2>
      <p>{t("rotateHint")}</p>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("rotate")}
      </Button>
      {state.status === "refused" && (
        <ErrorLine>{state.error === "conflict" ? t("rotatedMeanwhile") : t("failed")}</ErrorLine>
      )}
    </form>
  );
}
