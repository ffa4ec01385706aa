"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorLine } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { idle } from "@/lib/actions/form-state";
import { messageReporterAction, type MessageState } from "../../actions";

type MessageView = {
  id: string;
  fromReporter: boolean;
  author: string | null;
  body: string;
  createdAt: string;
  unread: boolean;
  files: number;
};

export function MessagesPanel({
  reportId,
  messages,
  canWrite,
}: {
  reportId: string;
  messages: MessageView[];
  canWrite: boolean;
}) {
  const t = useTranslations("Triage");
  const [state, action, pending] = useActionState<MessageState, FormData>(
    messageReporterAction,
    idle,
  );
  return (
    <section aria-labelledby="thread-title" className="space-y-3">
      <h2 id="thread-title" className="text-xl font-bold">
        {t("threadTitle")}
      </h2>
      <p className="text-sm text-slate-700">{t("threadHint")}</p>
      {messages.length === 0 ? (
        <p>{t("noMessages")}</p>
      ) : (
        <ol className="space-y-2" data-testid="staff-thread">
          {messages.map((m) => (
            <li
              key={m.id}
              className={`rounded-md border p-3 ${m.fromReporter ? "border-teal-800 bg-teal-50" : "border-slate-300 bg-white"}`}
            >
              <p className="text-sm font-semibold">
                {m.fromReporter ? t("fromReporter") : m.author} · {m.createdAt}
                {m.unread && (
                  <span className="ml-2 rounded bg-teal-800 px-1 text-xs text-white">
                    {t("unread")}
                  </span>
                )}
              </p>
              {m.body && <p className="whitespace-pre-wrap">{m.body}</p>}
              {m.files > 0 && (
                <p className="text-sm">
                  <a href="#files-title">{t("messageFiles", { count: m.files })}</a>
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {canWrite && (
        <form action={action} className="space-y-2">
          <input type="hidden" name="reportId" value={reportId} />
          <label htmlFor="message-body" className="block font-semibold">
            {t("messageReporter")}
          </label>
          <textarea
            id="message-body"
            name="body"
            rows={3}
            maxLength={5000}
            required
            className="text-input"
            defaultValue={state.status === "refused" ? state.values.body : undefined}
          />
          {state.status === "done" && (
            <p role="status" className="font-semibold text-teal-900">
              {t("messageSent")}
            </p>
          )}
          {state.status === "refused" && <ErrorLine>{t("failed")}</ErrorLine>}
          <Button type="submit" disabled={pending}>
            {t("sendMessage")}
          </Button>
        </form>
      )}
    </section>
  );
}
