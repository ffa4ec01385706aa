import "server-only";
import { db } from "@/lib/db";
import { dueAt, type DeadlineKind, type DeadlineSettings, type Urgency } from "./rules";

// Every item that is still waiting for someone, with its deadline. An item stops waiting the
// moment it is done: a report once a triage officer has opened it (firstSeenAt) or it has left
// NEW; a referral once acknowledged or closed; a reporter's message once a later staff message
// answers it (in the same organisation's thread when the message belongs to one). Nothing on a
// closed or spam report waits.

export type DeadlineItem = {
  kind: DeadlineKind;
  /** The report (firstLook), the referral (acknowledge) or the reporter's message (reply). */
  subjectId: string;
  reportId: string;
  /** Who must act: an organisation, or null for the triage unit. */
  organizationId: string | null;
  startedAt: Date;
  dueAt: Date;
};

const closed = ["CLOSED", "SPAM"] as const;

export async function listOpenDeadlineItems(
  settings: DeadlineSettings,
  { organizationId }: { organizationId?: string } = {},
): Promise<DeadlineItem[]> {
  const items: DeadlineItem[] = [];
  // An organisation's view never includes triage's own first looks.
  if (organizationId === undefined) {
    const unseen = await db.report.findMany({
      where: { status: "NEW", firstSeenAt: null },
      select: { id: true, createdAt: true, urgency: true },
    });
    for (const report of unseen)
      items.push(item("firstLook", report.id, report.id, null, report.createdAt, report.urgency));
  }
  const unacknowledged = await db.referral.findMany({
    where: {
      acknowledgedAt: null,
      closedAt: null,
      organizationId,
      report: { status: { notIn: [...closed] } },
    },
    select: { id: true, reportId: true, organizationId: true, createdAt: true },
  });
  for (const referral of unacknowledged)
    items.push(
      item(
        "acknowledge",
        referral.id,
        referral.reportId,
        referral.organizationId,
        referral.createdAt,
      ),
    );
  // The oldest unanswered reporter message per report and thread: answering it answers the
  // ones after it too.
  const waiting = await db.$queryRaw<
    { id: string; reportId: string; organizationId: string | null; createdAt: Date }[]
  >`
    SELECT DISTINCT ON (m."reportId", m."organizationId")
      m.id, m."reportId", m."organizationId", m."createdAt"
    FROM "Message" m JOIN "Report" r ON r.id = m."reportId"
    WHERE m."fromReporter" AND r.status NOT IN ('CLOSED', 'SPAM')
      AND NOT EXISTS (
        SELECT 1 FROM "Message" s
        WHERE s."reportId" = m."reportId" AND NOT s."fromReporter"
          AND s."createdAt" > m."createdAt"
          AND (m."organizationId" IS NULL OR s."organizationId" = m."organizationId"))
    ORDER BY m."reportId", m."organizationId", m."createdAt"`;
  for (const message of waiting) {
    if (organizationId !== undefined && message.organizationId !== organizationId) continue;
    items.push(
      item("reply", message.id, message.reportId, message.organizationId, message.createdAt),
    );
  }
  return items;

  function item(
    kind: DeadlineKind,
    subjectId: string,
    reportId: string,
    responsible: string | null,
    startedAt: Date,
    urgency: Urgency = "LOW",
  ): DeadlineItem {
    return {
      kind,
      subjectId,
      reportId,
      organizationId: responsible,
      startedAt,
      dueAt: dueAt({ kind, startedAt, urgency }, settings),
    };
  }
}
