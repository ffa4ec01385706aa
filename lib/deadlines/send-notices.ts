import "server-only";
import { appUrl } from "@/lib/config";
import { db } from "@/lib/db";
import { enqueueEmails, type OutboxMessage } from "@/lib/mail/outbox";
import { listOpenDeadlineItems, type DeadlineItem } from "./open-items";
import { deadlineSettings, noticesDue, type DeadlineSettings, type NoticeStage } from "./rules";

// The deadline job's one pass. A reminder goes to whoever must act (the organisation, or the
// triage officers for triage's own items) once three quarters of the time have passed; an
// escalation goes to the triage officers once the deadline is missed. Each is sent once per item,
// deadline and stage: the notice row's unique key is claimed with INSERT … ON CONFLICT DO NOTHING
// in the same transaction as the mail, so two instances running at once cannot both send it.
// Mail says only that something waits, with a link (no report content, no reference); one mail
// per recipient and stage per pass, however many items, so a flood of reports is one mail.

type Claimed = DeadlineItem & { stage: NoticeStage };
type Recipient = { to: string; locale: string };

/** Items handled per pass at most; the next pass takes the rest. */
const batchLimit = 500;

export async function sendDeadlineNotices({
  now = new Date(),
  settings = deadlineSettings(),
}: { now?: Date; settings?: DeadlineSettings } = {}): Promise<{
  reminders: number;
  escalations: number;
}> {
  const due = (await listOpenDeadlineItems(settings))
    .flatMap((item) => noticesDue(item, now).map((stage) => ({ ...item, stage })))
    // One order for every instance, so concurrent passes wait on each other's keys instead of
    // deadlocking.
    .sort((a, b) => key(a).localeCompare(key(b)))
    .slice(0, batchLimit);
  if (due.length === 0) return { reminders: 0, escalations: 0 };

  return db.$transaction(
    async (tx) => {
      const claimed: Claimed[] = [];
      for (const notice of due) {
        const inserted = await tx.$executeRaw`
          INSERT INTO "DeadlineNotice" (id, "reportId", kind, "subjectId", stage, "dueAt")
          VALUES (${crypto.randomUUID()}::uuid, ${notice.reportId}::uuid, ${notice.kind},
            ${notice.subjectId}::uuid, ${notice.stage}, ${notice.dueAt})
          ON CONFLICT (kind, "subjectId", stage) DO NOTHING`;
        if (inserted === 1) claimed.push(notice);
      }
      if (claimed.length === 0) return { reminders: 0, escalations: 0 };

      const triage = await tx.user.findMany({
        where: { role: "TRIAGE", disabled: false },
        select: { email: true, locale: true },
      });
      const organizationIds = [
        ...new Set(claimed.flatMap((c) => (c.organizationId ? [c.organizationId] : []))),
      ];
      const organizations = await tx.organization.findMany({
        where: { id: { in: organizationIds } },
        select: {
          id: true,
          notificationEmail: true,
          staff: {
            where: { disabled: false, role: "ORG_STAFF" },
            select: { email: true, locale: true },
          },
        },
      });
      const members = new Map<string, Recipient[]>(
        organizations.map((org) => [
          org.id,
          [
            ...(org.notificationEmail ? [{ to: org.notificationEmail, locale: "sl" }] : []),
            ...org.staff.map((person) => ({ to: person.email, locale: person.locale })),
          ],
        ]),
      );
      const triageRecipients = triage.map((person) => ({
        to: person.email,
        locale: person.locale,
      }));

      // recipient + stage → the items that mail is about
      const mails = new Map<
        string,
        { recipient: Recipient; stage: NoticeStage; items: Claimed[]; forTriage: boolean }
      >();
      for (const notice of claimed) {
        const forTriage = notice.stage === "escalation" || notice.organizationId === null;
        const recipients = forTriage
          ? triageRecipients
          : (members.get(notice.organizationId!) ?? []);
        for (const recipient of recipients) {
          const mailKey = `${recipient.to}\n${notice.stage}`;
          const mail = mails.get(mailKey) ?? {
            recipient,
            stage: notice.stage,
            items: [],
            forTriage,
          };
          mail.items.push(notice);
          mails.set(mailKey, mail);
        }
      }
      const base = appUrl();
      const messages: OutboxMessage[] = [...mails.values()].map(
        ({ recipient, stage, items, forTriage }) => {
          const reports = [...new Set(items.map((i) => i.reportId))];
          const link =
            reports.length === 1
              ? `${base}/${recipient.locale}/dashboard/reports/${reports[0]}`
              : forTriage
                ? `${base}/${recipient.locale}/dashboard/reports?overdue=1`
                : `${base}/${recipient.locale}/dashboard/referrals`;
          return {
            ...recipient,
            template: stage === "reminder" ? "deadlineReminder" : "deadlineEscalation",
            data: { link, count: String(items.length) },
          };
        },
      );
      await enqueueEmails(messages, tx);
      await tx.auditEvent.createMany({
        data: claimed.map((notice) => ({
          actorKind: "SYSTEM" as const,
          action: notice.stage === "reminder" ? "deadline.reminded" : "deadline.escalated",
          reportId: notice.reportId,
          detail: { kind: notice.kind },
        })),
      });
      return {
        reminders: claimed.filter((c) => c.stage === "reminder").length,
        escalations: claimed.filter((c) => c.stage === "escalation").length,
      };
    },
    { timeout: 60_000 },
  );
}

const key = (notice: { kind: string; subjectId: string; stage: string }) =>
  `${notice.kind}:${notice.subjectId}:${notice.stage}`;
