import { ReportStatus as ReportStatusEnum } from "@/lib/generated/prisma/enums";

// The report lifecycle: NEW → IN_TRIAGE → REFERRED → CLOSED, and SPAM. Checked on the server for
// every change. A referred report closes by itself when its last referral is closed
// (lib/reports/close-handled-report.ts). CLOSED and SPAM are left only by reopening: triage takes
// the report back into triage (lib/reports/change-status.ts).

export const statuses = Object.values(ReportStatusEnum);
export type ReportStatus = (typeof statuses)[number];

const transitions: Record<ReportStatus, readonly ReportStatus[]> = {
  NEW: ["IN_TRIAGE", "REFERRED", "CLOSED", "SPAM"],
  IN_TRIAGE: ["REFERRED", "CLOSED", "SPAM"],
  // A referred report can be routed to one more organisation, or closed.
  REFERRED: ["REFERRED", "CLOSED"],
  CLOSED: ["IN_TRIAGE"],
  SPAM: ["IN_TRIAGE"],
};

/** Statuses a report leaves only by being reopened. */
export const finalStatuses: readonly ReportStatus[] = ["CLOSED", "SPAM"];

export function canTransition(from: ReportStatus, to: ReportStatus): boolean {
  return transitions[from].includes(to);
}

/** The statuses from which a report may move to `to`, for use in a guarded UPDATE … WHERE. */
export function statusesAllowing(to: ReportStatus): ReportStatus[] {
  return statuses.filter((from) => canTransition(from, to));
}
