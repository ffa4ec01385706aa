"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
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
import { receiptEntrySchema, replySchema } from "@/lib/validation/follow-up";
import type { FollowUpState } from "./state";

const typedReply = (formData: FormData | null) => {
  const body = formData?.get("body");
  return typeof body === "string" ? body.slice(0, 5000) : undefined;
};
/** What goes back to the reply form whatever the outcome: the text, and what happened to the files. */
const typedBack = (formData: FormData | null) => ({
  body: typedReply(formData),
  filesNotKept: formData ? postedFiles(formData).length > 0 : false,
  keepOriginal: formData ? keepOriginalChosen(formData) : false,
});
const typedReceipt = (formData: FormData | null) => {
  const receipt = formData?.get("receipt");
  return typeof receipt === "string" ? receipt.slice(0, 100) : undefined;
};
const refused = (formData: FormData | null, reason: RefusalReason): FollowUpState => ({
  error: reason === "rateLimited" ? "limited" : "failed",
  ...typedBack(formData),
  receipt: typedReceipt(formData),
});

/** The receipt as typed, and what is wrong with it, or null when it may be looked up. */
function screenReceipt(formData: FormData): { state: FollowUpState; outcome: string } | null {
  const parsed = receiptEntrySchema.safeParse({ receipt: formData.get("receipt") });
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  const params =
    issue.code === "custom"
      ? (issue.params as { count?: number; groups?: number[] } | undefined)
      : undefined;
  return {
    state: {
      error: issue.message,
      receipt: typedReceipt(formData),
      digitCount: params?.count,
      badGroups: params?.groups,
    },
    outcome: "invalid",
  };
}

// Free checks first (the code's form and check digits, in `screen`), then the caller's own bucket
// where a client signal exists (behind a trusted proxy); never a count shared by everyone. See
// lib/followup/reporter-session.ts.
export const enterReceiptAction = publicAction<FollowUpState>({
  name: "enterReceipt",
  screen: screenReceipt,
  refused,
  handler: async (formData, charge) => {
    const receipt = String(formData.get("receipt"));
    if (!(await charge({ perClientPerHour: rateLimits.followUpAttemptsPerHour() })))
      throw new RateLimited();
    const outcome = await signInWithReceipt(receipt);
    if (outcome.status === "limited")
      return { state: { error: "limited", receipt }, outcome: "codeLimited" };
    if (outcome.status === "wrong")
      return { state: { error: "receiptWrong", receipt }, outcome: "wrong" };
    // A session cookie (no Max-Age, no Expires): closing the browser forgets it, and the server
    // session behind it ends sooner still (lib/followup/reporter-session.ts).
    (await cookies()).set(reporterCookie, outcome.token, {
      httpOnly: true,
      sameSite: "strict",
      secure: secureCookies(),
      path: "/",
    });
    redirect(`/${await getLocale()}/follow-up`);
  },
});

// Only the holder of a session can write, and the session (not the form) decides to which report.
// The session is checked first, so a reply without one costs nothing; then the report's own
// bucket and the client's (behind a trusted proxy). With the shared file budget spent, the text
// is still sent and the page says the files were not taken.
export const replyAction = publicAction<FollowUpState>({
  name: "reporterReply",
  refused,
  handler: async (formData, charge) => {
    const session = await resolveReporterSession((await cookies()).get(reporterCookie)?.value);
    const sentBack = (state: FollowUpState, outcome: string) => ({
      state: { ...typedBack(formData), ...state },
      outcome,
    });
    if (!session) return sentBack({ error: "sessionEnded" }, "noSession");

    const parsed = replySchema.safeParse({ body: formData.get("body") ?? "" });
    if (!parsed.success) return sentBack({ error: parsed.error.issues[0]!.message }, "invalid");
    const perHour = rateLimits.repliesPerHour();
    if (
      !(await charge({
        perClientPerHour: perHour,
        keys: [{ scope: "reporterReply:report", id: session.reportId, perHour }],
      }))
    )
      throw new RateLimited();
    const received = await receiveFiles(formData);
    if (received.error) return sentBack({ fileError: received.error }, "invalidFiles");
    if (!parsed.data.body && received.files.length === 0)
      return sentBack({ error: "replyRequired" }, "invalid");
    if (
      (await countReportFiles(session.reportId)) + received.files.length >
      attachmentLimits.maxPerReport
    ) {
      return sentBack({ fileError: "reportFull" }, "reportFull");
    }
    const filesAdmitted = await admitFiles(received.files);
    // Files alone, and no room for them: nothing to send, and the reporter is told so.
    if (!filesAdmitted && !parsed.data.body)
      return sentBack({ fileError: "uploadsLimited" }, "uploadsLimited");
    await postReporterMessage(
      session.reportId,
      parsed.data.body,
      filesAdmitted ? received.files : [],
    );
    redirect(`/${await getLocale()}/follow-up?sent=${filesAdmitted ? "1" : "filesLater"}`);
  },
});

// Leaving deletes the session and nothing else: it costs nothing, so it is not limited.
export const leaveFollowUpAction = publicAction<FollowUpState>({
  name: "leaveFollowUp",
  refused,
  handler: async () => {
    const jar = await cookies();
    await endReporterSession(jar.get(reporterCookie)?.value);
    jar.delete(reporterCookie);
    redirect(`/${await getLocale()}`);
  },
});
