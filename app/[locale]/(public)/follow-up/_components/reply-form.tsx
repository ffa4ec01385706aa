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

/**
 * The reply to one organisation's conversation. Each form has its own action state (keyed by its
 * place in the page, with or without JavaScript), so a refusal comes back in the form it came from;
 * ids carry `idPrefix` so that several forms on one page stay distinct.
 */
export function ReplyForm({
  organizationId,
  organizationName,
  idPrefix,
}: {
  organizationId: string;
  organizationName: string;
  idPrefix: string;
}) {
  const t = useTranslations("FollowUp");
  const [state, action, pending] = useActionState(replyAction, initial);
  const errorKey = followUpErrorOf(state, "body");
  const error = errorKey ? t(`errors.${errorKey}`) : undefined;
  const refused = state.status === "refused" ? state : undefined;
  const bodyId = `${idPrefix}body`;
  return (
    <form action={action} autoComplete="off" className="space-y-4">
      <input type="hidden" name="organizationId" value={organizationId} />
      <Field
        name={bodyId}
        label={t("replyTo", { name: organizationName })}
        hint={t("replyHint")}
        error={error}
      >
        <textarea
          id={bodyId}
          name="body"
          rows={5}
          maxLength={5000}
          className="text-input"
          defaultValue={refused?.values.body}
          aria-describedby={error ? `${bodyId}-hint ${bodyId}-error` : `${bodyId}-hint`}
          aria-invalid={error ? true : undefined}
        />
      </Field>
      <AttachmentsField
        idPrefix={idPrefix}
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
