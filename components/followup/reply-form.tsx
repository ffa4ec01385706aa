"use client";

import { useTranslations } from "next-intl";
import { unstable_rethrow } from "next/navigation";
import { useActionState } from "react";
import { replyAction } from "@/app/[locale]/(public)/follow-up/actions";
import { AttachmentsField } from "@/components/ui/attachments-field";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { attachmentFields, postedFiles } from "@/lib/attachments/limits";
import type { FollowUpState } from "./follow-up-state";

/**
 * A reply with files can be turned away before it reaches the server's action (proxy.ts: too many
 * uploads at once); the call then fails here, and the text comes back as after any failure.
 */
async function sendReply(previous: FollowUpState, formData: FormData): Promise<FollowUpState> {
  try {
    return await replyAction(previous, formData);
  } catch (error) {
    unstable_rethrow(error); // a redirect after sending is not a failure
    const body = formData.get("body");
    return {
      error: "failed",
      body: typeof body === "string" ? body : undefined,
      filesNotKept: postedFiles(formData).length > 0,
      keepOriginal: formData.get(attachmentFields.keepOriginal) === "yes",
    };
  }
}

export function ReplyForm() {
  const t = useTranslations("FollowUp");
  const [state, action, pending] = useActionState(sendReply, null);
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
      <AttachmentsField idPrefix="reply-" keepOriginal={state?.keepOriginal} error={state?.fileError} notKept={state?.filesNotKept} />
      <Button type="submit" disabled={pending}>
        {t("send")}
      </Button>
    </form>
  );
}
