import { afterEach, describe, expect, it } from "vitest";
import {
  deadlineSettings,
  deadlineState,
  dueAt,
  noticesDue,
  reminderAt,
  sortByUrgencyThenOverdue,
  sortOverdueFirst,
  type DeadlineSettings,
} from "@/lib/deadlines/rules";

const settings: DeadlineSettings = {
  firstLookHours: { CRITICAL: 1, HIGH: 4, MEDIUM: 24, LOW: 72 },
  acknowledgeHours: 24,
  replyHours: 48,
};
const start = new Date("2026-11-30T22:30:00Z");
const plus = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

describe("deadline rules", () => {
  it("gives each urgency its own time for triage's first look", () => {
    for (const [urgency, hours] of [
      ["CRITICAL", 1],
      ["HIGH", 4],
      ["MEDIUM", 24],
      ["LOW", 72],
    ] as const)
      expect(dueAt({ kind: "firstLook", startedAt: start, urgency }, settings)).toEqual(
        plus(hours * 60),
      );
  });

  it("gives acknowledgement and replies their own time, whatever the urgency", () => {
    expect(dueAt({ kind: "acknowledge", startedAt: start, urgency: "CRITICAL" }, settings)).toEqual(
      plus(24 * 60),
    );
    expect(dueAt({ kind: "reply", startedAt: start, urgency: "LOW" }, settings)).toEqual(
      plus(48 * 60),
    );
  });

  it("counts elapsed hours across midnight and the end of summer time alike", () => {
    // 2026-10-25 01:00 UTC: Ljubljana turns its clocks back. A day is still 24 hours of waiting.
    const before = new Date("2026-10-24T23:00:00Z");
    expect(
      dueAt({ kind: "firstLook", startedAt: before, urgency: "MEDIUM" }, settings).toISOString(),
    ).toBe("2026-10-25T23:00:00.000Z");
  });

  it("is running, then due soon at three quarters of the time, then overdue only after the deadline", () => {
    const item = { startedAt: start, dueAt: plus(60) };
    expect(reminderAt(item.startedAt, item.dueAt)).toEqual(plus(45));
    expect(deadlineState(item, plus(44))).toBe("running");
    expect(deadlineState(item, plus(45))).toBe("dueSoon");
    expect(deadlineState(item, plus(60))).toBe("dueSoon");
    expect(deadlineState(item, new Date(plus(60).getTime() + 1))).toBe("overdue");
  });

  it("earns a reminder when due soon and a reminder and an escalation once overdue", () => {
    const item = { startedAt: start, dueAt: plus(60) };
    expect(noticesDue(item, plus(10))).toEqual([]);
    expect(noticesDue(item, plus(50))).toEqual(["reminder"]);
    expect(noticesDue(item, plus(61))).toEqual(["reminder", "escalation"]);
  });

  it("puts overdue rows first and keeps each group's order", () => {
    const rows = [
      { id: "a", overdue: false },
      { id: "b", overdue: true },
      { id: "c", overdue: false },
      { id: "d", overdue: true },
    ];
    expect(sortOverdueFirst(rows, (row) => row.overdue).map((row) => row.id)).toEqual([
      "b",
      "d",
      "a",
      "c",
    ]);
  });
});

describe("the triage list's order", () => {
  it("is urgency first, then overdue, then the order the rows came in", () => {
    const rows = [
      { id: "old-low-late", urgency: "LOW", overdue: true },
      { id: "medium", urgency: "MEDIUM", overdue: false },
      { id: "critical-fresh", urgency: "CRITICAL", overdue: false },
      { id: "medium-late", urgency: "MEDIUM", overdue: true },
      { id: "critical-late", urgency: "CRITICAL", overdue: true },
      { id: "low", urgency: "LOW", overdue: false },
      { id: "critical-fresh-2", urgency: "CRITICAL", overdue: false },
    ] as const;
    expect(sortByUrgencyThenOverdue(rows, (row) => row.overdue).map((row) => row.id)).toEqual([
      "critical-late",
      "critical-fresh",
      "critical-fresh-2",
      "medium-late",
      "medium",
      "old-low-late",
      "low",
    ]);
  });
});

describe("deadline settings", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("defaults to 1, 4, 24 and 72 hours for a first look, 24 to acknowledge and 48 to answer", () => {
    for (const key of Object.keys(process.env))
      if (key.startsWith("DEADLINE_")) delete process.env[key];
    expect(deadlineSettings()).toEqual(settings);
  });

  it("reads each from the environment and refuses what is not a whole number of hours", () => {
    process.env.DEADLINE_FIRST_LOOK_CRITICAL_HOURS = "2";
    process.env.DEADLINE_ACKNOWLEDGE_HOURS = "12";
    process.env.DEADLINE_REPLY_HOURS = "24";
    expect(deadlineSettings()).toMatchObject({
      firstLookHours: { CRITICAL: 2 },
      acknowledgeHours: 12,
      replyHours: 24,
    });
    process.env.DEADLINE_FIRST_LOOK_LOW_HOURS = "0";
    expect(() => deadlineSettings()).toThrow(/DEADLINE_FIRST_LOOK_LOW_HOURS/);
    process.env.DEADLINE_FIRST_LOOK_LOW_HOURS = "1.5";
    expect(() => deadlineSettings()).toThrow(/DEADLINE_FIRST_LOOK_LOW_HOURS/);
  });
});
