"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorLine } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { idle } from "@/lib/actions/form-state";
import { addNoteAction, type NoteState } from "../../actions";
import { NoteList, type NoteView } from "./note-list";

export function NotesPanel({
  reportId,
  notes,
  canWrite,
}: {
  reportId: string;
  notes: NoteView[];
  canWrite: boolean;
}) {
  const t = useTranslations("Triage");
  const [state, action, pending] = useActionState<NoteState, FormData>(addNoteAction, idle);
  return (
    <section aria-labelledby="notes-title" className="space-y-3">
      <h2 id="notes-title" className="text-xl font-bold">
        {t("notesTitle")}
      </h2>
      <p className="text-sm text-slate-700">{t("notesHint")}</p>
      {notes.length === 0 ? <p>{t("noNotes")}</p> : <NoteList notes={notes} />}
      {canWrite && (
        <form action={action} className="space-y-2">
          <input type="hidden" name="reportId" value={reportId} />
          <label htmlFor="note-body" className="block font-semibold">
            {t("noteBody")}
          </label>
          <textarea
            id="note-body"
            name="body"
            rows={3}
            maxLength={2000}
            required
            className="text-input"
            defaultValue={state.status === "refused" ? state.values.body : undefined}
          />
          {state.status === "refused" && <ErrorLine>{t("failed")}</ErrorLine>}
          <Button type="submit" disabled={pending}>
            {t("addNote")}
          </Button>
        </form>
      )}
    </section>
  );
}
