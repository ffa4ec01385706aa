import { deadlineHours } from "@/lib/config";

// Deadlines as pure functions of an item's start, its urgency and a clock passed in (`now`), so a
// test moves time by passing another Date, never by faking timers. Durations are elapsed hours:
// a critical report waits as long at 3 a.m. as at noon, so no deadline depends on a day boundary
// (a time shown to staff is formatted in Europe/Ljubljana by the page, not computed here).

export type Urgency = "CRITICAL" | "HIGH" | "MEDIUM" | "LOW";

/** firstLook: triage opens a new report; acknowledge: an organisation acknowledges a referral;
 *  reply: someone answers a reporter's message. */
export type DeadlineKind = "firstLook" | "acknowledge" | "reply";
export type NoticeStage = "reminder" | "escalation";

export type DeadlineSettings = {
  firstLookHours: Record<Urgency, number>;
  acknowledgeHours: number;
  replyHours: number;
};

/** The settings from the environment (DEADLINE_* variables, lib/config.ts). */
export function deadlineSettings(): DeadlineSettings {
  const firstLook = deadlineHours.firstLook;
  return {
    firstLookHours: {
      CRITICAL: firstLook.CRITICAL(),
      HIGH: firstLook.HIGH(),
      MEDIUM: firstLook.MEDIUM(),
      LOW: firstLook.LOW(),
    },
    acknowledgeHours: deadlineHours.acknowledge(),
    replyHours: deadlineHours.reply(),
  };
}

const hourMs = 60 * 60 * 1000;
const after = (start: Date, hours: number) => new Date(start.getTime() + hours * hourMs);

/** When the item started waiting plus the time allowed for its kind (and urgency). */
export function dueAt(
  item: { kind: DeadlineKind; startedAt: Date; urgency: Urgency },
  settings: DeadlineSettings,
): Date {
  switch (item.kind) {
    case "firstLook":
      return after(item.startedAt, settings.firstLookHours[item.urgency]);
    case "acknowledge":
      return after(item.startedAt, settings.acknowledgeHours);
    case "reply":
      return after(item.startedAt, settings.replyHours);
  }
}

/** The reminder goes out once three quarters of the time allowed have passed: time to act. */
export function reminderAt(startedAt: Date, due: Date): Date {
  return new Date(startedAt.getTime() + Math.floor((due.getTime() - startedAt.getTime()) * 0.75));
}

export type DeadlineState = "running" | "dueSoon" | "overdue";

/** Where an open item stands at `now`: overdue once its deadline has passed (not at it). */
export function deadlineState(item: { startedAt: Date; dueAt: Date }, now: Date): DeadlineState {
  if (now.getTime() > item.dueAt.getTime()) return "overdue";
  if (now.getTime() >= reminderAt(item.startedAt, item.dueAt).getTime()) return "dueSoon";
  return "running";
}

/** The notices an open item has earned by `now`: a reminder when due soon, both once overdue. */
export function noticesDue(item: { startedAt: Date; dueAt: Date }, now: Date): NoticeStage[] {
  const state = deadlineState(item, now);
  if (state === "overdue") return ["reminder", "escalation"];
  return state === "dueSoon" ? ["reminder"] : [];
}

/** Overdue rows first, each group keeping the order it came in (the list's own sort). */
export function sortOverdueFirst<T>(rows: readonly T[], isOverdue: (row: T) => boolean): T[] {
  return [...rows.filter(isOverdue), ...rows.filter((row) => !isOverdue(row))];
}

const urgencyRank = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 } as const;

/**
 * The triage order: urgency first, then overdue before on time, then the order the rows came in
 * (oldest first). A deadline already scales with urgency (a critical report is overdue after an
 * hour, a low one after three days), so an overdue low report is less pressing than a fresh
 * critical one: being late must not lift a report above a danger to someone's life.
 */
export function sortByUrgencyThenOverdue<T extends { urgency: keyof typeof urgencyRank }>(
  rows: readonly T[],
  isOverdue: (row: T) => boolean,
): T[] {
  return rows
    .map((row, index) => ({ row, index, late: isOverdue(row) }))
    .sort(
      (a, b) =>
        urgencyRank[a.row.urgency] - urgencyRank[b.row.urgency] ||
        Number(b.late) - Number(a.late) ||
        a.index - b.index,
    )
    .map(({ row }) => row);
}
