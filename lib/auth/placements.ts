import { roleNeedsOrganization, type Role } from "./permissions";

// What an invitation makes someone: a role, and for organisation staff the organisation. The
// invite form offers these pairs as one choice (one select, so it holds without JavaScript too),
// each a valid pair by construction: administrator (no organisation), triage officer (works for
// the police; no organisation stored: lib/followup/threads.ts), organisation staff at one
// organisation. The server checks the pair again (pairProblem, lib/auth/invitations.ts).

export type Placement = { role: Role; organizationId: string | null };

const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const pattern = new RegExp(`^(?:(ADMIN|TRIAGE)|ORG_STAFF:(${uuid}))$`, "i");

/** The posted value of a pair: "ADMIN", "TRIAGE" or "ORG_STAFF:<organisation id>". */
export function placementValue({ role, organizationId }: Placement): string {
  return roleNeedsOrganization(role) ? `${role}:${organizationId}` : role;
}

/** The pair a posted value names, or null for anything that is not a valid pair's value. */
export function parsePlacement(value: string): Placement | null {
  const match = pattern.exec(value);
  if (!match) return null;
  if (match[1]) return { role: match[1].toUpperCase() as Role, organizationId: null };
  return { role: "ORG_STAFF", organizationId: match[2]!.toLowerCase() };
}

/** Every pair to offer, given the organisations in the directory: in that order, per role. */
export function validPlacements(organizationIds: string[]): Placement[] {
  return [
    { role: "ADMIN", organizationId: null },
    { role: "TRIAGE", organizationId: null },
    ...organizationIds.map((organizationId) => ({ role: "ORG_STAFF" as const, organizationId })),
  ];
}

/** Why a role and an organisation do not go together, or null when they do. */
export function pairProblem(
  role: Role,
  organizationId: string | null | undefined,
): "organizationRequired" | "organizationNotAllowed" | null {
  if (roleNeedsOrganization(role)) return organizationId ? null : "organizationRequired";
  return organizationId ? "organizationNotAllowed" : null;
}
