export type NoteView = { id: string; author: string; body: string; createdAt: string };

/** Notes as staff read them: who and when above the text, line breaks kept as typed. */
export function NoteList({
  notes,
  compact = false,
  testId,
}: {
  notes: NoteView[];
  /** Inside a referral card: smaller type and a lighter border than the report's own notes. */
  compact?: boolean;
  testId?: string;
}) {
  return (
    <ul className="space-y-2" data-testid={testId}>
      {notes.map((note) => (
        <li
          key={note.id}
          className={
            compact
              ? "rounded-md border border-slate-200 p-2 text-sm"
              : "rounded-md border border-slate-300 bg-white p-3"
          }
        >
          <p className={compact ? "font-semibold" : "text-sm font-semibold"}>
            {note.author} · {note.createdAt}
          </p>
          <p className="whitespace-pre-wrap">{note.body}</p>
        </li>
      ))}
    </ul>
  );
}
