import { Role as RoleEnum } from "@/lib/generated/prisma/enums";

// Who may do what, readable as a spec. Every staff page and server action names one permission
// from this table; scope (which reports an NGO may see) lives in the queries themselves.

export const roles = Object.values(RoleEnum);
export type Role = (typeof roles)[number];

export const permissions = {
  "dashboard.view": ["ADMIN", "TRIAGE", "ORG_STAFF"],
  "account.signOutEverywhere": ["ADMIN", "TRIAGE", "ORG_STAFF"],
  // Least privilege: administrators manage accounts, the directory and the audit log, and read no
  // report and no file. A role is one per account (User.role), so an administrator who also
  // triages has a second, TRIAGE account.
  "reports.read.all": ["TRIAGE"],
  // Open one report, and its files, within the caller's scope (lib/reports/report-scope.ts).
  "reports.read.scoped": ["TRIAGE", "ORG_STAFF"],
  // A report as a PDF for a case file, within the same scope as reading it (lib/export).
  "reports.export": ["TRIAGE", "ORG_STAFF"],
  "reports.route": ["TRIAGE"],
  "reports.status.change": ["TRIAGE"],
  "referrals.read.own": ["ORG_STAFF"],
  "referrals.update.own": ["ORG_STAFF"],
  // Take, release or hand on a report (triage) or an own organisation's referral (lib/assignment).
  "reports.assign": ["TRIAGE"],
  "referrals.assign.own": ["ORG_STAFF"],
  "messages.write": ["TRIAGE", "ORG_STAFF"],
  // One conversation with the reporter per organisation (lib/followup/threads.ts). Triage reads
  // and writes the police thread; organisation staff their own organisation's. No role reads
  // another organisation's thread. Triage oversees every thread by its activity only (how many
  // messages, when the last came, whether the reporter waits for an answer), never by what was
  // said: a victim may tell an NGO what they are not ready to tell the police (the 90-day
  // reflection period exists for that decision), and the reporter chose whom they answered.
  "threads.triage": ["TRIAGE"],
  "threads.own": ["ORG_STAFF"],
  "threads.overview": ["TRIAGE"],
  "notes.write": ["TRIAGE", "ORG_STAFF"],
  // A note on a referral, between triage and the receiving organisation: triage on any referral,
  // organisation staff on their own organisation's only (lib/referrals/referral-notes.ts). Its own
  // action, apart from routing, so that writing a note can never send a report anywhere.
  "referrals.note": ["TRIAGE", "ORG_STAFF"],
  "users.manage": ["ADMIN"],
  "organizations.manage": ["ADMIN"],
  "audit.read": ["ADMIN"],
  // Counts over all reports for the annual report (lib/statistics): plaintext answers and times
  // only, small counts suppressed. Not for organisation staff: see lib/statistics/load-statistics.ts.
  "statistics.view": ["ADMIN", "TRIAGE"],
  // The database's state and the mail backlog from /api/health (anyone else: up or down only).
  "health.details": ["ADMIN"],
  // An organisation's keys (lib/keys): make them, grant them to a colleague, take a grant back,
  // recover with the printed recovery key. Each member for their own organisation only (triage
  // for the police); never administrators, who hold no key that opens reports.
  "keys.manage": ["TRIAGE", "ORG_STAFF"],
  // Linked reports (lib/links): possible links among the reports in the caller's scope (organisation
  // staff: only among reports routed to their own organisation); confirming or dismissing one is
  // triage's. The link index key is the triage unit's (sealed to the police key): only a triage
  // session digests identifiers, the report's own or typed by hand.
  "links.read": ["TRIAGE", "ORG_STAFF"],
  "links.decide": ["TRIAGE"],
  "links.index": ["TRIAGE"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}

/** The roles that hold a permission (for queries that pick people who may do something). */
export function rolesWith(permission: Permission): Role[] {
  return [...permissions[permission]];
}

/** ORG_STAFF must belong to an organisation; the other roles must not need one. */
export function roleNeedsOrganization(role: Role): boolean {
  return role === "ORG_STAFF";
}
