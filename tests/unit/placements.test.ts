import { describe, expect, it } from "vitest";
import { roles } from "@/lib/auth/permissions";
import {
  pairProblem,
  parsePlacement,
  placementValue,
  validPlacements,
} from "@/lib/auth/placements";
import { inviteStaffSchema } from "@/lib/validation/staff";

// The invite form's one choice of role and organisation: every pair it offers is valid, every
// invalid pair is refused by the same rule the server applies.

const police = "0b7c6a4e-4a51-4b0e-9d1c-2f0f6f7f0a01";
const kljuc = "5d0c3f7e-8f2b-4c61-a1d8-7e3d2b9c4e52";

describe("role and organisation pairs", () => {
  it("offers administrator and triage without an organisation, staff once per organisation", () => {
    expect(validPlacements([police, kljuc])).toEqual([
      { role: "ADMIN", organizationId: null },
      { role: "TRIAGE", organizationId: null },
      { role: "ORG_STAFF", organizationId: police },
      { role: "ORG_STAFF", organizationId: kljuc },
    ]);
  });

  it("offers only pairs the server accepts, and each survives its posted value", () => {
    for (const placement of validPlacements([police, kljuc])) {
      expect(pairProblem(placement.role, placement.organizationId)).toBeNull();
      expect(parsePlacement(placementValue(placement))).toEqual(placement);
    }
  });

  it("refuses every other pair, for every role", () => {
    for (const role of roles) {
      const needs = role === "ORG_STAFF";
      expect(pairProblem(role, needs ? null : kljuc)).toBe(
        needs ? "organizationRequired" : "organizationNotAllowed",
      );
      expect(pairProblem(role, needs ? undefined : police)).not.toBeNull();
    }
  });

  it("reads no pair out of a forged or malformed value", () => {
    for (const value of [
      "",
      "ORG_STAFF",
      "ORG_STAFF:",
      "ORG_STAFF:not-a-uuid",
      `TRIAGE:${police}`,
      `ADMIN:${kljuc}`,
      `ORG_STAFF:${kljuc}:extra`,
      ` ADMIN`,
      "SUPERUSER",
      `ORG_STAFF:${kljuc}\nADMIN`,
    ])
      expect(parsePlacement(value), JSON.stringify(value)).toBeNull();
  });

  it("turns the posted choice into role and organisation, or the localized 'choose a role'", () => {
    const base = { email: "new@staff.test", name: "Nova" };
    expect(inviteStaffSchema.parse({ ...base, placement: `ORG_STAFF:${kljuc}` })).toMatchObject({
      placement: { role: "ORG_STAFF", organizationId: kljuc },
    });
    expect(inviteStaffSchema.parse({ ...base, placement: "TRIAGE" })).toMatchObject({
      placement: { role: "TRIAGE", organizationId: null },
    });
    for (const placement of [undefined, "", `TRIAGE:${police}`, "x".repeat(500)]) {
      const parsed = inviteStaffSchema.safeParse({ ...base, placement });
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues.map((issue) => issue.message)).toEqual(["roleRequired"]);
    }
  });
});
