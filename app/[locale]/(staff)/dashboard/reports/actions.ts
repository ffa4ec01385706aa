"use server";

import { revalidatePath } from "next/cache";
import { done, refuse } from "@/lib/actions/posted-fields";
import { staffAction, type StaffFormState } from "@/lib/actions/staff-action";
import {
  handOnReferral,
  handOnReport,
  releaseReferral,
  releaseReport,
  takeReferral,
  takeReport,
  type AssignmentResult,
} from "@/lib/assignment/assign";
import { addReferralNote } from "@/lib/referrals/referral-notes";
import { acknowledgeReferral, closeReferral } from "@/lib/referrals/referrals";
import { routeReport } from "@/lib/referrals/route-report";
import { changeStatus } from "@/lib/reports/change-status";
import { postStaffMessage } from "@/lib/followup/messages";
import { addNote } from "@/lib/reports/notes";
import { heldKeysOfRequest } from "@/lib/keys/session-keys";
import {
  closeReferralSchema,
  messageSchema,
  noteSchema,
  referralSchema,
  assignmentSchema,
  handOnSchema,
  referralNoteSchema,
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
/** Done with the id of the colleague who now holds it. */
export type HandOnState = StaffFormState<typeof handOnSchema, string>;
export type ReferralNoteState = StaffFormState<typeof referralNoteSchema>;

const refresh = () => revalidatePath("/[locale]/dashboard", "layout");

export const routeReportAction = staffAction(
  "reports.route",
  routeSchema,
  async (input, officer) => {
    const keys = await heldKeysOfRequest();
    const result = await routeReport({ ...input, officerId: officer.id, keys });
    refresh();
    if (result.status === "routed") return done(undefined, "routed");
    return refuse(
      (
        {
          alreadyRouted: "conflict",
          notAllowed: "notAllowed",
          notFound: "notFound",
          noKeys: "noKeys",
          sealed: "sealed",
        } as const
      )[result.status],
    );
  },
);

export const changeStatusAction = staffAction(
  "reports.status.change",
  statusSchema,
  async (input, officer) => {
    const moved = await changeStatus({
      ...input,
      officerId: officer.id,
      keys: await heldKeysOfRequest(),
    });
    refresh();
    return done(moved);
  },
);

// Triage may note on any report, organisation staff only on reports routed to them (scoped inside);
// notes are sealed to the writer's organisation, so the session must hold its key.
export const addNoteAction = staffAction("notes.write", noteSchema, async (input, user) => {
  const keys = await heldKeysOfRequest();
  const added = await addNote(input.reportId, input.body, user, keys);
  refresh();
  return added ? done() : refuse(keys.length ? "notFound" : "sealed");
});

// A note on a referral: triage on any, organisation staff on their own organisation's (scoped
// inside). It changes no referral and no status, so it can never route.
export const addReferralNoteAction = staffAction(
  "referrals.note",
  referralNoteSchema,
  async (input, user) => {
    const keys = await heldKeysOfRequest();
    const added = await addReferralNote(input.referralId, input.body, user, keys);
    refresh();
    return added ? done(undefined, "noteAdded") : refuse(keys.length ? "notFound" : "sealed");
  },
);

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
    const keys = await heldKeysOfRequest();
    const sent = await postStaffMessage(input.reportId, input.body, user, keys);
    refresh();
    return sent ? done() : refuse(keys.length ? "notFound" : "sealed");
  },
);

/** Someone else took it first (or it changed meanwhile): a conflict the page resolves on refresh. */
function assigned<Done = undefined>(
  result: AssignmentResult,
  message: "taken" | "released" | "handedOn",
  data?: Done,
) {
  refresh();
  if (result.status === "done") return done(data, message);
  if (result.status === "invalidAssignee") return refuse("invalid", { to: "invalidAssignee" });
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

// Handing on to a colleague who may hold it (triage for reports; the caller's organisation for
// referrals), provided the holder is still the one the caller saw.
export const handOnReportAction = staffAction(
  "reports.assign",
  handOnSchema,
  async ({ id, ...options }, user) =>
    assigned(await handOnReport(id, options, user), "handedOn", options.to),
);

export const handOnReferralAction = staffAction(
  "referrals.assign.own",
  handOnSchema,
  async ({ id, ...options }, user) =>
    assigned(await handOnReferral(id, options, user), "handedOn", options.to),
);
