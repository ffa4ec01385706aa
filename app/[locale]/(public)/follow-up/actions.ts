"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { publicAction } from "@/lib/actions/public-action";
import { endReporterSession, idleSeconds, reporterCookie, resolveReporterSession, signInWithReceipt } from "@/lib/followup/reporter-session";
import { postReporterMessage } from "@/lib/followup/messages";
import { receiptEntrySchema, replySchema } from "@/lib/validation/follow-up";
import type { FollowUpState } from "@/components/followup/follow-up-state";

const secure = process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "1";

async function enterReceipt(_previous: FollowUpState, formData: FormData): Promise<FollowUpState> {
  const parsed = receiptEntrySchema.safeParse({ receipt: formData.get("receipt") });
  if (!parsed.success) return { error: parsed.error.issues[0]!.message };
  const outcome = await signInWithReceipt(parsed.data.receipt, await headers());
  if (outcome.status === "limited") return { error: "limited" };
  if (outcome.status === "wrong") return { error: "receiptWrong" };
  (await cookies()).set(reporterCookie, outcome.token, { httpOnly: true, sameSite: "strict", secure, path: "/", maxAge: idleSeconds * 4 });
  redirect(`/${await getLocale()}/follow-up`);
}

// Only the holder of a session for a report can write to it; the session decides which report.
async function reply(_previous: FollowUpState, formData: FormData): Promise<FollowUpState> {
  const session = await resolveReporterSession((await cookies()).get(reporterCookie)?.value);
  if (!session) return { error: "sessionEnded" };
  const parsed = replySchema.safeParse({ body: formData.get("body") });
  if (!parsed.success) return { error: parsed.error.issues[0]!.message, body: String(formData.get("body") ?? "").slice(0, 5000) };
  await postReporterMessage(session.reportId, parsed.data.body);
  redirect(`/${await getLocale()}/follow-up?sent=1`);
}

async function leave(): Promise<FollowUpState> {
  const jar = await cookies();
  await endReporterSession(jar.get(reporterCookie)?.value);
  jar.delete(reporterCookie);
  redirect(`/${await getLocale()}`);
}

const failed = (_previous: FollowUpState, formData: FormData): FollowUpState => ({
  error: "failed",
  body: typeof formData.get("body") === "string" ? String(formData.get("body")).slice(0, 5000) : undefined,
});

export const enterReceiptAction = publicAction<FollowUpState>("enterReceipt", enterReceipt, failed);
export const replyAction = publicAction<FollowUpState>("reporterReply", reply, failed);
export const leaveFollowUpAction = publicAction<FollowUpState>("leaveFollowUp", leave, failed);
