import "server-only";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { ReportStatus } from "@/lib/generated/prisma/enums";
import { canTransition } from "@/lib/triage/status";
import { confirmedGroup, listPossibleLinks } from "./list-links";
import { indexWaitingInSession } from "./session-links";

/**
 * What the report page's links panel shows: a triage officer's look indexes the report's waiting
 * identifiers first, so its links show on the first look. `group` is the confirmed group to route
 * together (for those who route, while the report may still be routed). `status` is the report's,
 * as the page read it in the caller's scope. `sharedByMany`: the kinds of this report's identifiers
 * shared by too many reports to list (lib/links/list-links.ts).
 */
export async function loadLinksPanel(reportId: string, status: ReportStatus, user: StaffUser) {
  await indexWaitingInSession(user, { reportIds: [reportId] });
  const { links, sharedByMany } = await listPossibleLinks(reportId, user);
  const waiting = !!(await db.waitingReportIdentifiers.findUnique({
    where: { reportId },
    select: { reportId: true },
  }));
  const group =
    can(user.role, "reports.route") && canTransition(status, "REFERRED")
      ? await confirmedGroup(reportId, user)
      : [];
  return { links, sharedByMany, waiting, group };
}
