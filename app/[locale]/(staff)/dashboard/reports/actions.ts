"use server";

import { revalidatePath } from "next/cache";
import { done, refuse } from "@/lib/actions/posted-fields";
import { staffAction, type StaffFormState } from "@/lib/actions/staff-action";
import {
  releaseReferral,
  releaseReport,
  takeReferral,
  takeReport,
  type AssignmentResult,
} from "@/lib/assignment/assign";
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
  assignmentSchema,
  routeSchema,
  statusSchema,
} from "@/lib/validation/triage";

export type RouteReportState = StaffFormState<typeof routeSchema>;
/** Done with the number of reports whose status changed. */
export type ChangeStatusState = StaffFormState<typeof statusSchema, number>;
export type NoteState = StaffFormState<typeof noteSchema>;
export type ReferralState = StaffFormState<typeof referralSchema>;
export type CloseReferralState = StaffFormState<typeof closeReferralSchema>;
export type MessageState = StaffFormState<typeof messageSchema>;
export type AssignmentState = StaffFormState<typeof assignmentSchema>;

const refresh = () => revalidatePath("/[locale]/dashboard", "layout");

export const routeReportAction = staffAction(
  "reports.route",
  routeSchema,
  async (input, officer) => {
    const result = await routeReport({ ...input, officerId: officer.id });
    refresh();
    if (result.status === "routed") return done(undefined, "routed");
    return refuse(
      ({ alreadyRouted: "conflict", notAllowed: "notAllowed", notFound: "notFound" } as const)[
        result.status
      ],
    );
  },
);

export const changeStatusAction = staffAction(
  "reports.status.change",
  statusSchema,
  async (input, officer) => {
    const moved = await changeStatus({ ...input, officerId: officer.id });
    refresh();
    return done(moved);
  },
);

// Triage may note on any report, organisation staff only on reports routed to them (scoped inside).
export const addNoteAction = staffAction("notes.write", noteSchema, async (input, user) => {
  const added = await addNote(input.reportId, input.body, user);
  refresh();
  return added ? done() : refuse("notFound");
});

export const acknowledgeReferralAction = staffAction(
  "referrals.update.own",
  referralSchema,
  async (input, user) => {
    const changed = await acknowledgeReferral(input.referralId, user);
    refresh();
    return changed ? done() : refuse("notFound");
  },
);

export const closeReferralAction = staffAction(
  "referrals.update.own",
  closeReferralSchema,
  async (input, user) => {
    const changed = await closeReferral(input.referralId, input.outcome, user);
    refresh();
    return changed ? done() : refuse("notFound");
  },
);

// Writing to the reporter: triage, or staff of an organisation the report was routed to (scoped inside).
export const messageReporterAction = staffAction(
  "messages.write",
  messageSchema,
  async (input, user) => {
    const sent = await postStaffMessage(input.reportId, input.body, user);
    refresh();
    return sent ? done() : refuse("notFound");
  },
);

/** Someone else took it first (or it changed meanwhile): a conflict the page resolves on refresh. */
function assigned(result: AssignmentResult, message: "taken" | "released") {
  refresh();
  if (result.status === "done") return done(undefined, message);
  return refuse(result.status === "held" ? "conflict" : "notFound");
}

// Taking and releasing: triage holds reports, organisation staff their own organisation's
// referrals (scope and the "nobody holds it" / "I hold it" conditions are in lib/assignment).
export const takeReportAction = staffAction(
  "reports.assign",
  assignmentSchema,
  async (input, user) => assigned(await takeReport(input.id, user), "taken"),
);

export const releaseReportAction = staffAction(
  "reports.assign",
  assignmentSchema,
  async (input, user) => assigned(await releaseReport(input.id, user), "released"),
);

export const takeReferralAction = staffAction(
  "referrals.assign.own",
  assignmentSchema,
  async (input, user) => assigned(await takeReferral(input.id, user), "taken"),
);

export const releaseReferralAction = staffAction(
  "referrals.assign.own",
  assignmentSchema,
  async (input, user) => assigned(await releaseReferral(input.id, user), "released"),
);
