import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { can, rolesWith } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

// Who has taken a report (a triage officer) or a referral (a member of the receiving
// organisation). Every change is one conditional UPDATE, so of two people acting at once exactly
// one wins: taking needs nobody to hold it; releasing needs the caller to hold it; handing on
// names the holder the caller saw (take-over is explicit, never a silent overwrite). Scope is in
// the WHERE: organisation staff can touch only their own organisation's referrals, and hand them
// only to an active colleague of that organisation. Each change is audited in its transaction.

export type AssignmentResult =
  | { status: "done" }
  /** Someone else holds it (or took it first); `holder` is who, for the page to say. */
  | { status: "held"; holder: { id: string; name: string } | null }
  /** Not found in the caller's scope, closed, or the caller may not assign. */
  | { status: "notFound" }
  /** The chosen colleague cannot hold it (another organisation, disabled, another role). */
  | { status: "invalidAssignee" };

type Subject = "report" | "referral";
type Change = "take" | "release" | "handOn";

const open = { notIn: ["CLOSED", "SPAM"] as ("CLOSED" | "SPAM")[] };

/** The rows of this kind the caller may assign at all: none unless the permission allows. */
function scope(subject: Subject, user: StaffUser) {
  if (subject === "report")
    return can(user.role, "reports.assign")
      ? ({ status: open } satisfies Prisma.ReportWhereInput)
      : null;
  return can(user.role, "referrals.assign.own") && user.organizationId
    ? ({
        organizationId: user.organizationId,
        closedAt: null,
        report: { status: open },
      } satisfies Prisma.ReferralWhereInput)
    : null;
}

/**
 * A colleague who may hold it: an active account holding the permission to assign it — for a
 * referral, of the caller's own organisation too.
 */
function colleagues(subject: Subject, user: StaffUser): Prisma.UserWhereInput {
  return subject === "report"
    ? { role: { in: rolesWith("reports.assign") }, disabled: false }
    : {
        role: { in: rolesWith("referrals.assign.own") },
        disabled: false,
        organizationId: user.organizationId ?? "",
      };
}

async function change(
  subject: Subject,
  kind: Change,
  id: string,
  user: StaffUser,
  options: { to?: string; expectedHolderId?: string | null; now?: Date } = {},
): Promise<AssignmentResult> {
  const where = scope(subject, user);
  if (!where) return { status: "notFound" };
  const to = kind === "take" ? user.id : kind === "release" ? null : options.to!;
  const holderBefore =
    kind === "take" ? null : kind === "release" ? user.id : (options.expectedHolderId ?? null);
  return db.$transaction(async (tx) => {
    if (to && !(await tx.user.count({ where: { id: to, ...colleagues(subject, user) } })))
      return { status: "invalidAssignee" } as const;
    const data = { assigneeId: to, assignedAt: to ? (options.now ?? new Date()) : null };
    const condition = { id, assigneeId: holderBefore };
    const { count } =
      subject === "report"
        ? await tx.report.updateMany({ where: { ...where, ...condition }, data })
        : await tx.referral.updateMany({ where: { ...where, ...condition }, data });
    const row =
      subject === "report"
        ? await tx.report.findFirst({
            where: { ...where, id },
            select: { id: true, assignee: { select: { id: true, name: true } } },
          })
        : await tx.referral.findFirst({
            where: { ...where, id },
            select: { reportId: true, assignee: { select: { id: true, name: true } } },
          });
    if (!row) return { status: "notFound" } as const;
    if (count !== 1) return { status: "held", holder: row.assignee } as const;
    await recordAudit(
      {
        action: `${subject}.${kind === "take" ? "taken" : kind === "release" ? "released" : "handedOn"}`,
        actorKind: "STAFF",
        actorId: user.id,
        reportId: "reportId" in row ? row.reportId : id,
        detail: {
          ...(subject === "referral" ? { referralId: id } : {}),
          from: holderBefore,
          to,
        },
      },
      tx,
    );
    return { status: "done" } as const;
  });
}

/** Takes a report nobody holds (triage). */
export const takeReport = (reportId: string, user: StaffUser, now?: Date) =>
  change("report", "take", reportId, user, { now });
/** Gives up a report the caller holds. */
export const releaseReport = (reportId: string, user: StaffUser) =>
  change("report", "release", reportId, user);
/**
 * Hands a report to another triage officer (or to the caller: taking it over), provided it is
 * still held by `expectedHolderId` (null: nobody), the holder the caller saw.
 */
export const handOnReport = (
  reportId: string,
  options: { to: string; expectedHolderId: string | null; now?: Date },
  user: StaffUser,
) => change("report", "handOn", reportId, user, options);

/** The same for a referral of the caller's own organisation. */
export const takeReferral = (referralId: string, user: StaffUser, now?: Date) =>
  change("referral", "take", referralId, user, { now });
export const releaseReferral = (referralId: string, user: StaffUser) =>
  change("referral", "release", referralId, user);
export const handOnReferral = (
  referralId: string,
  options: { to: string; expectedHolderId: string | null; now?: Date },
  user: StaffUser,
) => change("referral", "handOn", referralId, user, options);

/** The filter "assigned to me", for the reports list and the referrals list. */
export const reportsAssignedTo = (user: StaffUser) =>
  ({ assigneeId: user.id }) satisfies Prisma.ReportWhereInput;
export const referralsAssignedTo = (user: StaffUser) =>
  ({ assigneeId: user.id }) satisfies Prisma.ReferralWhereInput;

/** Who holds it, for `select`/`include` on Report or Referral: `{ assignee: assigneeSelect }`. */
export const assigneeSelect = { select: { id: true, name: true } } as const;

/** The colleagues a report (triage) or a referral (own organisation) can be handed to. */
export async function listAssignableColleagues(subject: Subject, user: StaffUser) {
  if (!scope(subject, user)) return [];
  return db.user.findMany({
    where: colleagues(subject, user),
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
