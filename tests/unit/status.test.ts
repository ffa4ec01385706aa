import { describe, expect, it } from "vitest";
import { canTransition, statuses, statusesAllowing } from "@/lib/triage/status";

describe("report status lifecycle", () => {
  it("moves forward NEW → IN_TRIAGE → REFERRED → CLOSED", () => {
    expect(canTransition("NEW", "IN_TRIAGE")).toBe(true);
    expect(canTransition("IN_TRIAGE", "REFERRED")).toBe(true);
    expect(canTransition("REFERRED", "CLOSED")).toBe(true);
  });

  it("never moves backwards or out of CLOSED and SPAM", () => {
    expect(canTransition("IN_TRIAGE", "NEW")).toBe(false);
    expect(canTransition("REFERRED", "IN_TRIAGE")).toBe(false);
    for (const to of statuses) {
      expect(canTransition("CLOSED", to)).toBe(false);
      expect(canTransition("SPAM", to)).toBe(false);
    }
  });

  it("does not mark a referred report as spam", () => {
    expect(canTransition("REFERRED", "SPAM")).toBe(false);
    expect(statusesAllowing("SPAM")).toEqual(["NEW", "IN_TRIAGE"]);
  });
});
