"use client";

import { useTranslations } from "next-intl";
import { ErrorLine } from "@/components/ui/alert";
import type { Refusal } from "@/lib/actions/form-state";

const messageFor: Partial<
  Record<Refusal, "alreadyRouted" | "forbidden" | "notFound" | "notAllowed">
> = {
  conflict: "alreadyRouted",
  forbidden: "forbidden",
  notFound: "notFound",
  notAllowed: "notAllowed",
};

/** What a report panel's action answered: its success line, or why it was refused. */
export function ActionOutcome({
  state,
  ok,
}: {
  state: { status: "idle" } | { status: "done" } | { status: "refused"; error: Refusal };
  ok?: string;
}) {
  const t = useTranslations("Triage");
  const ts = useTranslations("SealedReports");
  if (state.status === "idle") return null;
  if (state.status === "done")
    return (
      <p role="status" className="font-semibold text-teal-900">
        {ok ?? t("done")}
      </p>
    );
  if (state.error === "sealed") return <ErrorLine>{ts("routeSealed")}</ErrorLine>;
  if (state.error === "noKeys") return <ErrorLine>{ts("routeNoKeys")}</ErrorLine>;
  return <ErrorLine>{t(messageFor[state.error] ?? "failed")}</ErrorLine>;
}
