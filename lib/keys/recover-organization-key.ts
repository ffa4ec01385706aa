import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { StaffUser } from "@/lib/auth/session";
import { parseRecoveryKey, SealError, unwrapKey } from "@/lib/crypto/sealing";
import { db } from "@/lib/db";
import {
  keyOrganizationIdOf,
  recoveryAssociatedData,
  sealGrant,
  type OrganizationKeyPair,
} from "./organization-keys";

export type RecoveryOutcome =
  | { status: "recovered"; key: OrganizationKeyPair }
  | { status: "mistyped" | "wrongKey" | "noKeys" | "noMemberKey" };

/**
 * The lost-password path when no colleague can grant: the member types the printed recovery key,
 * which opens the organisation's current key, and it is granted to the member again.
 */
export async function recoverOrganizationKey(
  member: StaffUser,
  recoveryText: string,
): Promise<RecoveryOutcome> {
  const recovery = parseRecoveryKey(recoveryText);
  if (!recovery) return { status: "mistyped" };
  const organizationId = await keyOrganizationIdOf(member);
  const stored = organizationId
    ? await db.organizationKey.findFirst({ where: { organizationId, retiredAt: null } })
    : null;
  if (!stored) return { status: "noKeys" };
  const own = await db.memberKey.findUnique({
    where: { userId: member.id },
    select: { publicKey: true },
  });
  if (!own) return { status: "noMemberKey" };
  let privateKey: Buffer;
  try {
    privateKey = unwrapKey(
      stored.recoveryWrappedPrivateKey,
      recovery,
      recoveryAssociatedData(stored.id),
    );
  } catch (error) {
    if (!(error instanceof SealError)) throw error;
    await recordAudit({
      action: "keys.recoveryFailed",
      actorKind: "STAFF",
      actorId: member.id,
      detail: { organizationId: stored.organizationId },
    });
    return { status: "wrongKey" };
  }
  const key: OrganizationKeyPair = {
    organizationKeyId: stored.id,
    organizationId: stored.organizationId,
    version: stored.version,
    publicKey: Buffer.from(stored.publicKey),
    privateKey,
  };
  await db.$transaction(async (tx) => {
    await sealGrant(tx, key, member.id, own.publicKey, member.id);
    await recordAudit(
      {
        action: "keys.recovered",
        actorKind: "STAFF",
        actorId: member.id,
        detail: { organizationId: stored.organizationId, version: stored.version },
      },
      tx,
    );
  });
  return { status: "recovered", key };
}
