import "server-only";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { triageOrganizationSlug } from "@/lib/followup/threads";
import { findCurrentOrganizationKey, keyOrganizationIdOf } from "./organization-keys";

/**
 * The organisation keys page: whether the member's organisation has keys yet, and who among its
 * members holds them. Scoped to the member's own organisation (triage: the police's officers).
 */
export async function listKeyHolders(member: StaffUser) {
  const organizationId = await keyOrganizationIdOf(member);
  if (!organizationId) return null;
  const current = await findCurrentOrganizationKey(organizationId);
  // Everyone whose keys are this organisation's (keyOrganizationIdOf): its staff, and for the
  // police also the triage officers, who work for it without an organisation stored.
  const triageUnit =
    (await db.organization.findUnique({ where: { id: organizationId }, select: { slug: true } }))
      ?.slug === triageOrganizationSlug;
  const people = await db.user.findMany({
    where: {
      disabled: false,
      OR: [
        { role: "ORG_STAFF", organizationId },
        ...(triageUnit ? [{ role: "TRIAGE" as const }] : []),
      ],
    },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      email: true,
      memberKey: { select: { userId: true } },
      keyGrants: {
        where: current ? { organizationKeyId: current.id } : { id: { in: [] } },
        select: { id: true },
      },
    },
  });
  return {
    hasKeys: !!current,
    version: current?.version ?? null,
    members: people.map((person) => ({
      id: person.id,
      name: person.name,
      email: person.email,
      self: person.id === member.id,
      ready: !!person.memberKey,
      holdsKey: person.keyGrants.length > 0,
    })),
  };
}
