import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import type { StaffUser } from "@/lib/auth/session";
import { formatRecoveryKey, generateKeyPair, newKey, wrapKey } from "@/lib/crypto/sealing";
import { db } from "@/lib/db";
import { bytes } from "./member-keys";
import {
  keyOrganizationIdOf,
  recoveryAssociatedData,
  sealGrant,
  type OrganizationKeyPair,
} from "./organization-keys";
import { resealToNewKey } from "./reseal";

// Replacing an organisation's key pair: after a member leaves or a device with a session is lost.
// A revoked member may have copied the private key while they held it; once everything sealed to
// it is sealed again to the new key and the old one is deleted with every copy of it (members',
// the recovery key's), that copy opens nothing in this database or any later dump of it.

export type RotationOutcome =
  | { status: "rotated"; recoveryKey: string; key: OrganizationKeyPair; resealed: number }
  | { status: "notCurrent" };

/**
 * Makes the next version of the organisation's key, in the session of a member who holds the
 * current one (`current`, opened), and grants it at once to every member who held the current
 * one and is still active. The new recovery key is returned once, never stored. Two members
 * rotating at the same moment: one wins, the other is told the key changed.
 */
export async function rotateOrganizationKey(
  member: StaffUser,
  current: OrganizationKeyPair,
): Promise<RotationOutcome> {
  const organizationId = await keyOrganizationIdOf(member);
  if (organizationId !== current.organizationId) return { status: "notCurrent" };
  const pair = await generateKeyPair();
  const recovery = newKey();
  const organizationKeyId = randomUUID();
  const key = await db.$transaction(async (tx) => {
    // Retiring is the lock: of two rotations, only one finds the key still current.
    const retired = await tx.organizationKey.updateMany({
      where: { id: current.organizationKeyId, organizationId, retiredAt: null },
      data: { retiredAt: new Date() },
    });
    if (retired.count !== 1) return null;
    const version = current.version + 1;
    await tx.organizationKey.create({
      data: {
        id: organizationKeyId,
        organizationId,
        version,
        publicKey: bytes(pair.publicKey),
        recoveryWrappedPrivateKey: bytes(
          wrapKey(pair.privateKey, recovery, recoveryAssociatedData(organizationKeyId)),
        ),
        createdById: member.id,
      },
    });
    const made: OrganizationKeyPair = { ...pair, organizationKeyId, organizationId, version };
    const holders = await tx.organizationKeyGrant.findMany({
      where: { organizationKeyId: current.organizationKeyId, user: { disabled: false } },
      select: { user: { select: { id: true, memberKey: { select: { publicKey: true } } } } },
    });
    for (const { user } of holders)
      if (user.memberKey) await sealGrant(tx, made, user.id, user.memberKey.publicKey, member.id);
    await recordAudit(
      {
        action: "keys.rotated",
        actorKind: "STAFF",
        actorId: member.id,
        detail: { organizationId, version, granted: holders.length },
      },
      tx,
    );
    return made;
  });
  if (!key) return { status: "notCurrent" };
  const resealed = await resealToNewKey(current, key);
  return { status: "rotated", recoveryKey: formatRecoveryKey(recovery), key, resealed };
}
