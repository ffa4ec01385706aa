"use server";

import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/staff-action";
import { acknowledgeReferral, closeReferral } from "@/lib/referrals/referrals";
import { routeReport } from "@/lib/referrals/route-report";
import { changeStatus } from "@/lib/reports/change-status";
import { postStaffMessage } from "@/lib/followup/messages";
import { addNote } from "@/lib/reports/notes";
import {
  closeReferralSchema,
  messageSchema,
  noteSchema,
  referralSchema,
  routeSchema,
  statusSchema,
} from "@/lib/validation/triage";

const refresh = () => revalidatePath("/[locale]/dashboard", "layout");

export const routeReportAction = staffAction(
  "reports.route",
  routeSchema,
  async (input, officer) => {
    const result = await routeReport({ ...input, officerId: officer.id });
    refresh();
    if (result.status === "routed") return { ok: true, message: "routed" };
    const error = (
      { alreadyRouted: "conflict", notAllowed: "notAllowed", notFound: "notFound" } as const
    )[result.status];
    return { ok: false, error };
  },
);

export const changeStatusAction = staffAction(
  "reports.status.change",
  statusSchema,
  async (input, officer) => {
    const moved = await changeStatus({ ...input, officerId: officer.id });
    refresh();
    return { ok: true, data: moved };
  },
);

// Triage may note on any report, organisation staff only on reports routed to them (scoped inside).
export const addNoteAction = staffAction("notes.write", noteSchema, async (input, user) => {
  const added = await addNote(input.reportId, input.body, user);
  refresh();
  return added ? { ok: true } : { ok: false, error: "notFound" };
});

export const acknowledgeReferralAction = staffAction(
  "referrals.update.own",
  referralSchema,
  async (input, user) => {
    const done = await acknowledgeReferral(input.referralId, user);
    refresh();
    return done ? { ok: true } : { ok: false, error: "notFound" };
  },
);

export const closeReferralAction = staffAction(
  "referrals.update.own",
  closeReferralSchema,
  async (input, user) => {
    const done = await closeReferral(input.referralId, input.outcome, user);
    refresh();
    return done ? { ok: true } : { ok: false, error: "notFound" };
  },
);

// Writing to the reporter: triage, or staff of an organisation the report was routed to (scoped inside).
export const messageReporterAction = staffAction(
  "messages.write",
  messageSchema,
  async (input, user) => {
    const sent = await postStaffMessage(input.reportId, input.body, user);
    refresh();
    return sent ? { ok: true } : { ok: false, error: "notFound" };
  },
);
