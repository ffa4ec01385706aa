import { describe, expect, it } from "vitest";
import { canTransition, finalStatuses, statuses, statusesAllowing } from "@/lib/triage/status";

describe("report status lifecycle", () => {
  it("moves forward NEW → IN_TRIAGE → REFERRED → CLOSED", () => {
    expect(canTransition("NEW", "IN_TRIAGE")).toBe(true);
    expect(canTransition("IN_TRIAGE", "REFERRED")).toBe(true);
    expect(canTransition("REFERRED", "CLOSED")).toBe(true);
  });

  it("never moves backwards, and leaves CLOSED and SPAM only by being reopened into triage", () => {
    expect(canTransition("IN_TRIAGE", "NEW")).toBe(false);
    expect(canTransition("REFERRED", "IN_TRIAGE")).toBe(false);
    for (const to of statuses) {
      expect(canTransition("CLOSED", to)).toBe(to === "IN_TRIAGE");
      expect(canTransition("SPAM", to)).toBe(to === "IN_TRIAGE");
    }
    expect(finalStatuses).toEqual(["CLOSED", "SPAM"]);
    expect(statusesAllowing("IN_TRIAGE")).toEqual(["NEW", "CLOSED", "SPAM"]);
  });

  it("closes a report only from a state that allows it, never twice", () => {
    expect(statusesAllowing("CLOSED")).toEqual(["NEW", "IN_TRIAGE", "REFERRED"]);
    expect(canTransition("CLOSED", "CLOSED")).toBe(false);
    expect(canTransition("SPAM", "CLOSED")).toBe(false);
  });

  it("does not mark a referred report as spam", () => {
    expect(canTransition("REFERRED", "SPAM")).toBe(false);
    expect(statusesAllowing("SPAM")).toEqual(["NEW", "IN_TRIAGE"]);
  });
});
