import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import type { StaffUser } from "@/lib/auth/session";
import {
  formatRecoveryKey,
  generateKeyPair,
  newKey,
  openSealedKey,
  SealError,
  sealKey,
  wrapKey,
} from "@/lib/crypto/sealing";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { bytes, holdsKeys } from "./member-keys";
import type { KeyPair } from "@/lib/crypto/sealing";
import { ownThreadOrganizationId } from "@/lib/followup/threads";

// An organisation's key pair and who holds it. The organisation a member holds keys for is the
// one they work for: organisation staff their own, triage officers the police ("police", the
// triage unit, lib/followup/threads.ts). Every function here is scoped to that organisation: a
// member can neither grant, revoke nor recover another organisation's key.

export type OrganizationKeyPair = KeyPair & {
  organizationKeyId: string;
  organizationId: string;
  version: number;
};

type Tx = Prisma.TransactionClient | typeof db;

/**
 * The organisation whose key this member may hold, or null (administrators hold none): the one
 * whose thread they write in, so the keys and the conversations can never disagree.
 */
export async function keyOrganizationIdOf(
  user: Pick<StaffUser, "role" | "organizationId">,
  tx: Tx = db,
): Promise<string | null> {
  return holdsKeys(user.role) ? ownThreadOrganizationId(user, tx) : null;
}

const grantContext = (organizationKeyId: string, userId: string) =>
  `organization-key:${organizationKeyId}:member:${userId}`;
/** What the recovery key's copy of an organisation key is bound to. */
export const recoveryAssociatedData = (organizationKeyId: string) =>
  `organization-key:${organizationKeyId}:recovery`;

/** The organisation's current key (public part and recovery copy), or null before it has one. */
export function findCurrentOrganizationKey(organizationId: string, tx: Tx = db) {
  return tx.organizationKey.findFirst({
    where: { organizationId, retiredAt: null },
    select: { id: true, organizationId: true, version: true, publicKey: true },
  });
}

/** Seals the organisation key to a member and stores it as their grant (a new one replaces theirs). */
export async function sealGrant(
  tx: Tx,
  key: OrganizationKeyPair,
  userId: string,
  memberPublicKey: Uint8Array,
  grantedById: string,
) {
  const sealedPrivateKey = bytes(
    await sealKey(key.privateKey, memberPublicKey, grantContext(key.organizationKeyId, userId)),
  );
  await tx.organizationKeyGrant.upsert({
    where: { organizationKeyId_userId: { organizationKeyId: key.organizationKeyId, userId } },
    create: { organizationKeyId: key.organizationKeyId, userId, sealedPrivateKey, grantedById },
    update: { sealedPrivateKey, grantedById, createdAt: new Date() },
  });
}

export type MadeOrganizationKeys =
  | { status: "made"; recoveryKey: string; key: OrganizationKeyPair }
  | { status: "exists" | "noOrganization" | "noMemberKey" };

/**
 * Makes the organisation's key pair, by a member of it, and grants it to that member. The
 * recovery key is returned once, formatted for printing, and never stored: only what it wraps is.
 * Two members making keys at the same moment get one key; the other is told it exists.
 */
export async function makeOrganizationKeys(member: StaffUser): Promise<MadeOrganizationKeys> {
  const organizationId = await keyOrganizationIdOf(member);
  if (!organizationId) return { status: "noOrganization" };
  const own = await db.memberKey.findUnique({
    where: { userId: member.id },
    select: { publicKey: true },
  });
  if (!own) return { status: "noMemberKey" };
  if (await findCurrentOrganizationKey(organizationId)) return { status: "exists" };

  const pair = await generateKeyPair();
  const recovery = newKey();
  const organizationKeyId = randomUUID();
  try {
    const key = await db.$transaction(async (tx) => {
      const last = await tx.organizationKey.aggregate({
        where: { organizationId },
        _max: { version: true },
      });
      const version = (last._max.version ?? 0) + 1;
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
      await sealGrant(tx, made, member.id, own.publicKey, member.id);
      await recordAudit(
        {
          action: "keys.organizationKeysMade",
          actorKind: "STAFF",
          actorId: member.id,
          detail: { organizationId, version },
        },
        tx,
      );
      return made;
    });
    return { status: "made", recoveryKey: formatRecoveryKey(recovery), key };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return { status: "exists" };
    throw error;
  }
}

/** Every organisation key granted to this member, opened with their own key pair. */
export async function openGrantedKeys(
  userId: string,
  member: KeyPair,
): Promise<OrganizationKeyPair[]> {
  const grants = await db.organizationKeyGrant.findMany({
    where: { userId },
    orderBy: { organizationKey: { version: "desc" } },
    select: {
      id: true,
      sealedPrivateKey: true,
      organizationKey: {
        select: { id: true, organizationId: true, version: true, publicKey: true },
      },
    },
  });
  const opened: OrganizationKeyPair[] = [];
  for (const grant of grants) {
    const key = grant.organizationKey;
    try {
      const privateKey = await openSealedKey(
        grant.sealedPrivateKey,
        member,
        grantContext(key.id, userId),
      );
      opened.push({
        organizationKeyId: key.id,
        organizationId: key.organizationId,
        version: key.version,
        publicKey: Buffer.from(key.publicKey),
        privateKey,
      });
    } catch (error) {
      if (!(error instanceof SealError)) throw error;
      // A grant sealed to a key the member no longer has: a colleague or the recovery key grants again.
      log.warn("keys.grantUnopenable", { grantId: grant.id });
    }
  }
  return opened;
}

export type GrantOutcome = "granted" | "notFound" | "noMemberKey" | "notCurrent";

/**
 * Gives a colleague the organisation's key, in the granting member's session (it needs the key
 * opened). Only to a colleague of the same organisation who may hold keys and is not disabled.
 */
export async function grantOrganizationKey(
  granter: StaffUser,
  key: OrganizationKeyPair,
  granteeId: string,
): Promise<GrantOutcome> {
  if ((await keyOrganizationIdOf(granter)) !== key.organizationId) return "notFound";
  const current = await findCurrentOrganizationKey(key.organizationId);
  if (current?.id !== key.organizationKeyId) return "notCurrent";
  const grantee = await db.user.findFirst({
    where: { id: granteeId, disabled: false, NOT: { role: "ADMIN" } },
    select: {
      id: true,
      role: true,
      organizationId: true,
      memberKey: { select: { publicKey: true } },
    },
  });
  if (!grantee || (await keyOrganizationIdOf(grantee)) !== key.organizationId) return "notFound";
  if (!grantee.memberKey) return "noMemberKey";
  await db.$transaction(async (tx) => {
    await sealGrant(tx, key, grantee.id, grantee.memberKey!.publicKey, granter.id);
    await recordAudit(
      {
        action: "keys.granted",
        actorKind: "STAFF",
        actorId: granter.id,
        detail: { userId: grantee.id, organizationId: key.organizationId, version: key.version },
      },
      tx,
    );
  });
  return "granted";
}

/**
 * Takes a colleague's grants to this organisation's keys away, and the keys their sessions hold.
 * (They may have copied the key while they held it: rotating it is the next brick's.)
 */
export async function revokeOrganizationKeyGrant(
  revoker: StaffUser,
  granteeId: string,
): Promise<boolean> {
  const organizationId = await keyOrganizationIdOf(revoker);
  if (!organizationId || granteeId === revoker.id) return false;
  return db.$transaction(async (tx) => {
    const removed = await tx.organizationKeyGrant.deleteMany({
      where: { userId: granteeId, organizationKey: { organizationId } },
    });
    if (removed.count === 0) return false;
    await tx.keyVault.deleteMany({ where: { userId: granteeId } });
    await recordAudit(
      {
        action: "keys.revoked",
        actorKind: "STAFF",
        actorId: revoker.id,
        detail: { userId: granteeId, organizationId },
      },
      tx,
    );
    return true;
  });
}
