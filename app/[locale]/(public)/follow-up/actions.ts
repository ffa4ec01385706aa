"use server";

import { cookies } from "next/headers";
import { redirect } from "@/lib/i18n/navigation";
import { getLocale } from "next-intl/server";
import { fieldErrorsOf, type FormState } from "@/lib/actions/form-state";
import { publicAction, RateLimited, type RefusalReason } from "@/lib/actions/public-action";
import { attachmentLimits, postedFiles } from "@/lib/attachments/limits";
import { admitFiles, keepOriginalChosen, receiveFiles } from "@/lib/attachments/receive";
import { countReportFiles } from "@/lib/attachments/store";
import { rateLimits, secureCookies } from "@/lib/config";
import { postReporterMessage } from "@/lib/followup/messages";
import {
  endReporterSession,
  reporterCookie,
  resolveReporterSession,
  signInWithReceipt,
} from "@/lib/followup/reporter-session";
import { leaveSchema, receiptEntrySchema, replySchema } from "@/lib/validation/follow-up";
import type { ReceiptEntryState, ReplyState } from "./state";

// Fields as typed, capped one past their schema's limit (so "too long" is still seen): what the
// schema checks and what goes back into the form whatever happened.
const receiptValues = (formData: FormData | null): { receipt?: string } => {
  const receipt = formData?.get("receipt");
  return typeof receipt === "string" ? { receipt: receipt.slice(0, 101) } : {};
};
const replyValues = (formData: FormData | null): { body?: string } => {
  const body = formData?.get("body");
  return typeof body === "string" ? { body: body.slice(0, 5001) } : {};
};
const filesBack = (formData: FormData | null) => ({
  filesNotKept: formData ? postedFiles(formData).length > 0 : false,
  keepOriginal: formData ? keepOriginalChosen(formData) : false,
});

// Free checks first (the code's form and check digits, in `screen`), then the caller's own bucket
// where a client signal exists (behind a trusted proxy); never a count shared by everyone. See
// lib/followup/reporter-session.ts.
export const enterReceiptAction = publicAction<
  ReceiptEntryState,
  typeof receiptEntrySchema,
  { receipt?: string }
>({
  name: "enterReceipt",
  schema: receiptEntrySchema,
  values: receiptValues,
  // A typo (length, check digits) is answered at once and costs no attempt.
  screen: ({ values, parsed }) => {
    if (parsed.success) return null;
    const issue = parsed.error.issues[0]!;
    const params =
      issue.code === "custom"
        ? (issue.params as { count?: number; groups?: number[] } | undefined)
        : undefined;
    const state: ReceiptEntryState = {
      status: "refused",
      error: "invalid",
      fieldErrors: fieldErrorsOf(parsed.error),
      values,
      digitCount: params?.count,
      badGroups: params?.groups,
    };
    return { state, outcome: "invalid" };
  },
  handler: async ({ values }, charge) => {
    const receipt = values.receipt ?? "";
    if (!(await charge({ perClientPerHour: rateLimits.followUpAttemptsPerHour() })))
      throw new RateLimited();
    const outcome = await signInWithReceipt(receipt);
    if (outcome.status !== "ok") {
      const state: ReceiptEntryState =
        outcome.status === "limited"
          ? { status: "refused", error: "rateLimited", fieldErrors: {}, values }
          : {
              status: "refused",
              error: "notFound",
              fieldErrors: { receipt: "receiptWrong" },
              values,
            };
      return { state, outcome: outcome.status === "limited" ? "codeLimited" : "wrong" };
    }
    // A session cookie (no Max-Age, no Expires): closing the browser forgets it, and the server
    // session behind it ends sooner still (lib/followup/reporter-session.ts).
    (await cookies()).set(reporterCookie, outcome.token, {
      httpOnly: true,
      sameSite: "strict",
      secure: secureCookies(),
      path: "/",
    });
    redirect({ href: "/follow-up", locale: await getLocale() });
  },
  refused: (formData, error: RefusalReason) => ({
    status: "refused",
    error,
    fieldErrors: {},
    values: receiptValues(formData),
  }),
});

const refusedReply = (
  formData: FormData | null,
  refusal: Pick<Extract<ReplyState, { status: "refused" }>, "error"> &
    Partial<Pick<ReplyState & { status: "refused" }, "fieldErrors" | "fileError">>,
): ReplyState => ({
  status: "refused",
  fieldErrors: {},
  values: replyValues(formData),
  ...filesBack(formData),
  ...refusal,
});

// Only the holder of a session can write, and the session (not the form) decides to which report.
// The session is checked first, so a reply without one costs nothing; then the report's own
// bucket and the client's (behind a trusted proxy). With the shared file budget spent, the text
// is still sent and the page says the files were not taken.
export const replyAction = publicAction<
  ReplyState,
  typeof replySchema,
  { body?: string; organizationId?: string }
>({
  name: "reporterReply",
  schema: replySchema,
  // The conversation answered is checked, not sent back: each form carries its own.
  values: (formData) => {
    const organizationId = formData?.get("organizationId");
    return {
      body: "",
      ...replyValues(formData),
      ...(typeof organizationId === "string"
        ? { organizationId: organizationId.slice(0, 100) }
        : {}),
    };
  },
  handler: async ({ formData, parsed }, charge) => {
    const session = await resolveReporterSession((await cookies()).get(reporterCookie)?.value);
    const sentBack = (refusal: Parameters<typeof refusedReply>[1], outcome: string) => ({
      state: refusedReply(formData, refusal),
      outcome,
    });
    if (!session) return sentBack({ error: "forbidden" }, "noSession");
    if (!parsed.success)
      return sentBack({ error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) }, "invalid");

    const perHour = rateLimits.repliesPerHour();
    if (
      !(await charge({
        perClientPerHour: perHour,
        keys: [{ scope: "reporterReply:report", id: session.reportId, perHour }],
      }))
    )
      throw new RateLimited();
    const received = await receiveFiles(formData);
    if (received.error)
      return sentBack({ error: "invalid", fileError: received.error }, "invalidFiles");
    if (!parsed.data.body && received.files.length === 0)
      return sentBack({ error: "invalid", fieldErrors: { body: "replyRequired" } }, "invalid");
    if (
      (await countReportFiles(session.reportId)) + received.files.length >
      attachmentLimits.maxPerReport
    ) {
      return sentBack({ error: "notAllowed", fileError: "reportFull" }, "reportFull");
    }
    const filesAdmitted = await admitFiles(received.files);
    // Files alone, and no room for them: nothing to send, and the reporter is told so.
    if (!filesAdmitted && !parsed.data.body)
      return sentBack({ error: "notAllowed", fileError: "uploadsLimited" }, "uploadsLimited");
    // The session decides the report; the form only names which of its conversations. One the
    // report does not have is refused with the text kept, and nothing is written.
    const posted = await postReporterMessage(
      session.reportId,
      parsed.data.body,
      filesAdmitted ? received.files : [],
      parsed.data.organizationId,
      session.reporterKey,
    );
    if (!posted) return sentBack({ error: "notFound" }, "noThread");
    redirect({
      href: { pathname: "/follow-up", query: { sent: filesAdmitted ? "1" : "filesLater" } },
      locale: await getLocale(),
    });
  },
  refused: (formData, error) => refusedReply(formData, { error }),
});

// Leaving deletes the session and nothing else: it costs nothing, so it is not limited. It reads
// no field, so its schema is the empty object.
export const leaveFollowUpAction = publicAction<FormState, typeof leaveSchema, object>({
  name: "leaveFollowUp",
  schema: leaveSchema,
  values: () => ({}),
  handler: async () => {
    const jar = await cookies();
    await endReporterSession(jar.get(reporterCookie)?.value);
    jar.delete(reporterCookie);
    redirect({ href: "/", locale: await getLocale() });
  },
  refused: (_formData, error) => ({ status: "refused", error, fieldErrors: {}, values: {} }),
});
