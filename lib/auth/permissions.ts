import { Role as RoleEnum } from "@/lib/generated/prisma/enums";

// Who may do what, readable as a spec. Every staff page and server action names one permission
// from this table; scope (which reports an NGO may see) lives in the queries themselves.

export const roles = Object.values(RoleEnum);
export type Role = (typeof roles)[number];

export const permissions = {
  "dashboard.view": ["ADMIN", "TRIAGE", "ORG_STAFF"],
  "account.signOutEverywhere": ["ADMIN", "TRIAGE", "ORG_STAFF"],
  "reports.read.all": ["ADMIN", "TRIAGE"],
  // Open one report, and its files, within the caller's scope (lib/reports/report-scope.ts).
  "reports.read.scoped": ["ADMIN", "TRIAGE", "ORG_STAFF"],
  "reports.route": ["TRIAGE"],
  "reports.status.change": ["TRIAGE"],
  "referrals.read.own": ["ORG_STAFF"],
  "referrals.update.own": ["ORG_STAFF"],
  "messages.write": ["TRIAGE", "ORG_STAFF"],
  "notes.write": ["TRIAGE", "ORG_STAFF"],
  "users.manage": ["ADMIN"],
  "organizations.manage": ["ADMIN"],
  "audit.read": ["ADMIN"],
  // The database's state and the mail backlog from /api/health (anyone else: up or down only).
  "health.details": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}

/** ORG_STAFF must belong to an organisation; the other roles must not need one. */
export function roleNeedsOrganization(role: Role): boolean {
  return role === "ORG_STAFF";
}
