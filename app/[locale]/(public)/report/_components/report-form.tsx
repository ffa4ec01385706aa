"use client";

import { useTranslations } from "next-intl";
import { unstable_rethrow } from "next/navigation";
import { useActionState } from "react";
import { submitReportAction } from "../actions";
import type { ReportFormState } from "../state";
import { Receipt } from "./receipt";
import { ReportFields } from "./report-fields";

/** Paths in the page's language: home (where "Finish" goes) and a fresh report form. */
type Paths = { home: string; report: string };

export function ReportForm({ submissionId, paths }: { submissionId: string; paths: Paths }) {
  // The form posts the server action itself (so it works without JavaScript); with JavaScript it
  // is sent through `submitOrKeep` instead, whose state, once there is one, is the form's.
  const [postedState, formAction, posting] = useActionState(submitReportAction, {
    status: "idle",
    submissionId,
  });
  const [sentState, submit, sending] = useActionState(
    (previous: ReportFormState | null, formData: FormData) =>
      submitOrKeep(previous ?? postedState, formData),
    null,
  );
  const state = sentState ?? postedState;

  if (state.status === "done") {
    return (
      <Receipt
        receipt={state.data.receipt}
        immediateDanger={state.data.immediateDanger}
        filesLater={state.data.filesLater ?? false}
        happeningToReporter={state.data.happeningToReporter}
        homePath={paths.home}
      />
    );
  }
  if (state.status === "refused" && state.error === "conflict")
    return <DuplicateNotice reportPath={paths.report} />;
  return (
    <ReportFields
      state={state}
      formAction={formAction}
      submit={submit}
      pending={posting || sending}
    />
  );
}

/**
 * A post with files can be turned away before it reaches the action (proxy.ts: too many uploads
 * at once), and the call then fails here. The form stays as typed, with "could not save, please
 * try again", instead of the page giving way to an error.
 */
async function submitOrKeep(
  previous: ReportFormState,
  formData: FormData,
): Promise<ReportFormState> {
  try {
    return await submitReportAction(previous, formData);
  } catch (error) {
    unstable_rethrow(error);
    const kept = previous.status === "refused" ? previous : null;
    return {
      status: "refused",
      error: "failed",
      fieldErrors: {},
      submissionId: previous.submissionId,
      values: kept?.values ?? {},
      files: kept?.files ?? { kept: [], keepOriginal: false },
    };
  }
}

function DuplicateNotice({ reportPath }: { reportPath: string }) {
  const t = useTranslations("ReportForm");
  return (
    <div role="status" className="space-y-4">
      <p className="text-lg">{t("duplicate")}</p>
      {/* A full page load, so the new form gets a new one-time id. */}
      <a href={reportPath}>{t("newReport")}</a>
    </div>
  );
}
