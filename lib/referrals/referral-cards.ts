import "server-only";
import { listAssignableColleagues } from "@/lib/assignment/assign";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { OrganizationKeyPair } from "@/lib/keys/organization-keys";
import { listReferralNotes } from "./referral-notes";

type ReferralPeople = {
  id: string;
  routedById: string;
  acknowledgedById: string | null;
  closedById: string | null;
};

/**
 * What the report page's referral cards show beyond the referral rows the page already holds (in
 * the caller's scope): who routed, acknowledged and closed each one, by name; the notes on each;
 * and the colleagues the caller may hand a referral of their own organisation to.
 */
export async function getReferralCardDetails(
  reportId: string,
  referrals: ReferralPeople[],
  user: StaffUser,
  keys: OrganizationKeyPair[],
) {
  const ids = [
    ...new Set(referrals.flatMap((r) => [r.routedById, r.acknowledgedById, r.closedById])),
  ].filter((id): id is string => id !== null);
  const [people, notes, colleagues] = await Promise.all([
    ids.length
      ? db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
      : [],
    listReferralNotes(reportId, user, keys),
    can(user.role, "referrals.assign.own") ? listAssignableColleagues("referral", user) : [],
  ]);
  const names = new Map(people.map((person) => [person.id, person.name]));
  return {
    nameOf: (id: string | null) => (id ? (names.get(id) ?? null) : null),
    notes,
    colleagues,
  };
}
