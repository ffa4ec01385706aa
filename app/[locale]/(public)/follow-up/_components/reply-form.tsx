"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { replyAction } from "../actions";
import { AttachmentsField } from "@/components/ui/attachments-field";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function ReplyForm() {
  const t = useTranslations("FollowUp");
  const [state, action, pending] = useActionState(replyAction, null);
  const error = state?.error ? t(`errors.${state.error}` as never) : undefined;
  return (
    <form action={action} autoComplete="off" className="space-y-4">
      <Field name="body" label={t("replyLabel")} hint={t("replyHint")} error={error}>
        <textarea
          id="body"
          name="body"
          rows={5}
          maxLength={5000}
          className="text-input"
          defaultValue={state?.body}
          aria-describedby={error ? "body-hint body-error" : "body-hint"}
          aria-invalid={error ? true : undefined}
        />
      </Field>
      <AttachmentsField
        idPrefix="reply-"
        keepOriginal={state?.keepOriginal}
        error={state?.fileError}
        notKept={state?.filesNotKept}
      />
      <Button type="submit" disabled={pending}>
        {t("send")}
      </Button>
    </form>
  );
}
