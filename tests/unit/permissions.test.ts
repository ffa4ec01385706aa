import { describe, expect, it } from "vitest";
import { can, permissions, roleNeedsOrganization, roles, rolesWith } from "@/lib/auth/permissions";

describe("permission table", () => {
  it("gives staff management, the directory and the audit log to administrators only", () => {
    for (const permission of ["users.manage", "organizations.manage", "audit.read"] as const) {
      expect(roles.filter((role) => can(role, permission))).toEqual(["ADMIN"]);
    }
  });

  it("lets only triage officers route reports and change their status", () => {
    expect(roles.filter((role) => can(role, "reports.route"))).toEqual(["TRIAGE"]);
    expect(roles.filter((role) => can(role, "reports.status.change"))).toEqual(["TRIAGE"]);
  });

  it("lets triage read every report, NGO staff only their own referrals, and administrators none", () => {
    expect(roles.filter((role) => can(role, "reports.read.all"))).toEqual(["TRIAGE"]);
    expect(roles.filter((role) => can(role, "referrals.read.own"))).toEqual(["ORG_STAFF"]);
    // Triage and NGO staff open a report (and its files) in their own scope; the query applies
    // the scope. Administrators manage accounts, the directory and the audit log: no report.
    expect(roles.filter((role) => can(role, "reports.read.scoped"))).toEqual([
      "TRIAGE",
      "ORG_STAFF",
    ]);
  });

  it("gives administrators no permission on reports, referrals, messages, notes or files", () => {
    const adminCan = Object.keys(permissions).filter((p) => can("ADMIN", p as never));
    expect(adminCan.sort()).toEqual(
      [
        "account.signOutEverywhere",
        "audit.read",
        "dashboard.view",
        "health.details",
        "organizations.manage",
        // Aggregates over plaintext answers, suppressed: no report, no content (lib/statistics).
        "statistics.view",
        "users.manage",
      ].sort(),
    );
  });

  it("lets triage take reports and NGO staff take their own referrals", () => {
    expect(roles.filter((role) => can(role, "reports.assign"))).toEqual(["TRIAGE"]);
    expect(roles.filter((role) => can(role, "referrals.assign.own"))).toEqual(["ORG_STAFF"]);
  });

  it("gives each organisation its own thread: triage the police's, with an overview of the others", () => {
    expect(roles.filter((role) => can(role, "threads.triage"))).toEqual(["TRIAGE"]);
    expect(roles.filter((role) => can(role, "threads.own"))).toEqual(["ORG_STAFF"]);
    // Activity only (counts and times), never another organisation's messages.
    expect(roles.filter((role) => can(role, "threads.overview"))).toEqual(["TRIAGE"]);
  });

  it("lets triage and organisation staff note on referrals (scope in the query), not administrators", () => {
    expect(roles.filter((role) => can(role, "referrals.note"))).toEqual(["TRIAGE", "ORG_STAFF"]);
  });

  it("names the roles holding a permission, as the table says", () => {
    for (const [permission, allowed] of Object.entries(permissions))
      expect(rolesWith(permission as keyof typeof permissions)).toEqual(allowed);
    expect(rolesWith("referrals.assign.own")).toEqual(["ORG_STAFF"]);
  });

  it("names only known roles", () => {
    for (const allowed of Object.values(permissions))
      for (const role of allowed) expect(roles).toContain(role);
  });

  it("binds only organisation staff to an organisation", () => {
    expect(roles.filter(roleNeedsOrganization)).toEqual(["ORG_STAFF"]);
  });
});
