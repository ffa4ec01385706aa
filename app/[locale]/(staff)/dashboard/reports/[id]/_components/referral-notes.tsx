"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorLine } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { idle } from "@/lib/actions/form-state";
import { addReferralNoteAction, type ReferralNoteState } from "../../actions";
import { NoteList, type NoteView } from "./note-list";

/**
 * The notes between triage and one receiving organisation, and a form to add one. Its own action:
 * it writes a note and nothing else, so it can never route the report again.
 */
export function ReferralNotes({
  referralId,
  notes,
  canWrite,
}: {
  referralId: string;
  notes: NoteView[];
  canWrite: boolean;
}) {
  const tc = useTranslations("ReferralCard");
  const [state, action, pending] = useActionState<ReferralNoteState, FormData>(
    addReferralNoteAction,
    idle,
  );
  if (!canWrite && notes.length === 0) return null;
  const fieldId = `referral-note-${referralId}`;
  return (
    <div className="space-y-2 border-t border-slate-200 pt-2">
      <h4 className="font-semibold">{tc("notesTitle")}</h4>
      {notes.length > 0 && <NoteList notes={notes} compact testId="referral-notes" />}
      {canWrite && (
        <form action={action} className="space-y-2">
          <input type="hidden" name="referralId" value={referralId} />
          <label htmlFor={fieldId} className="block text-sm font-semibold">
            {tc("noteBody")}
          </label>
          <p id={`${fieldId}-hint`} className="text-sm text-slate-700">
            {tc("noteHint")}
          </p>
          <textarea
            id={fieldId}
            name="body"
            rows={2}
            maxLength={2000}
            required
            className="text-input"
            aria-describedby={`${fieldId}-hint`}
            defaultValue={state.status === "refused" ? state.values.body : undefined}
          />
          {state.status === "done" && (
            <p role="status" className="font-semibold text-teal-900">
              {tc("noteAdded")}
            </p>
          )}
          {state.status === "refused" && (
            <ErrorLine>{tc(state.error === "notFound" ? "noteNotFound" : "noteFailed")}</ErrorLine>
          )}
          <Button type="submit" variant="secondary" disabled={pending}>
            {tc("addNote")}
          </Button>
        </form>
      )}
    </div>
  );
}
