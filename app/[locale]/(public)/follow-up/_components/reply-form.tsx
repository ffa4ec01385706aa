"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { replyAction } from "../actions";
import { AttachmentsField } from "@/components/ui/attachments-field";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { idle } from "@/lib/actions/form-state";
import { followUpErrorOf, type ReplyState } from "../state";

const initial: ReplyState = idle;

export function ReplyForm() {
  const t = useTranslations("FollowUp");
  const [state, action, pending] = useActionState(replyAction, initial);
  const errorKey = followUpErrorOf(state, "body");
  const error = errorKey ? t(`errors.${errorKey}` as never) : undefined;
  const refused = state.status === "refused" ? state : undefined;
  return (
    <form action={action} autoComplete="off" className="space-y-4">
      <Field name="body" label={t("replyLabel")} hint={t("replyHint")} error={error}>
        <textarea
          id="body"
          name="body"
          rows={5}
          maxLength={5000}
          className="text-input"
          defaultValue={refused?.values.body}
          aria-describedby={error ? "body-hint body-error" : "body-hint"}
          aria-invalid={error ? true : undefined}
        />
      </Field>
      <AttachmentsField
        idPrefix="reply-"
        keepOriginal={state.keepOriginal}
        error={state.fileError}
        notKept={state.filesNotKept}
      />
      <Button type="submit" disabled={pending}>
        {t("send")}
      </Button>
    </form>
  );
}
