import "server-only";
import { keyDerivation } from "@/lib/config";
import {
  deriveKey,
  generateKeyPair,
  newSalt,
  SealError,
  unwrapKey,
  wrapKey,
  type KdfParams,
  type KeyPair,
} from "@/lib/crypto/sealing";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/auth/permissions";
import { can } from "@/lib/auth/permissions";

// A member's own X25519 key pair: the key organisations' private keys are sealed to (grants). Its
// private key exists in the clear only inside a request that holds the member's password.

type Tx = Prisma.TransactionClient | typeof db;

/** Prisma's Bytes columns take a plain Uint8Array. */
export const bytes = (value: Uint8Array) => new Uint8Array(value);

/** Administrators manage accounts and never hold an organisation's key, so they get no key pair. */
export function holdsKeys(role: Role): boolean {
  return can(role, "keys.manage");
}

function currentKdfParams(): KdfParams {
  return {
    memoryKiB: keyDerivation.memoryKiB(),
    iterations: keyDerivation.iterations(),
    parallelism: 1,
  };
}

const associatedData = (userId: string) => `member:${userId}:private-key`;

/**
 * A new key pair for a member, wrapped under their new password: the slow part (Argon2id), done
 * before any transaction opens. saveMemberKeys stores it.
 */
export async function prepareMemberKeys(userId: string, password: string) {
  const pair = await generateKeyPair();
  const salt = newSalt();
  const params = currentKdfParams();
  const wrappingKey = await deriveKey(password, salt, params);
  return {
    pair,
    row: {
      publicKey: bytes(pair.publicKey),
      wrappedPrivateKey: bytes(wrapKey(pair.privateKey, wrappingKey, associatedData(userId))),
      kdfSalt: bytes(salt),
      kdfMemoryKiB: params.memoryKiB,
      kdfIterations: params.iterations,
      kdfParallelism: params.parallelism,
    },
  };
}

/**
 * Stores (or replaces) a member's key pair. Grants sealed to a replaced key can no longer be
 * opened, so they go in the same transaction: a colleague or the recovery key grants again.
 */
export async function saveMemberKeys(
  userId: string,
  prepared: Awaited<ReturnType<typeof prepareMemberKeys>>,
  tx: Tx = db,
): Promise<void> {
  await tx.organizationKeyGrant.deleteMany({ where: { userId } });
  await tx.memberKey.upsert({
    where: { userId },
    create: { userId, ...prepared.row },
    update: prepared.row,
  });
}

/**
 * The member's key pair opened with their password; null when they have none yet. A password
 * that does not open it (which sign-in has already checked against the hash) throws SealError.
 */
export async function unlockMemberKeys(userId: string, password: string): Promise<KeyPair | null> {
  const stored = await db.memberKey.findUnique({ where: { userId } });
  if (!stored) return null;
  const wrappingKey = await deriveKey(password, stored.kdfSalt, {
    memoryKiB: stored.kdfMemoryKiB,
    iterations: stored.kdfIterations,
    parallelism: stored.kdfParallelism,
  });
  const privateKey = unwrapKey(stored.wrappedPrivateKey, wrappingKey, associatedData(userId));
  if (privateKey.length !== 32) throw new SealError("A member's private key has 32 bytes.");
  return { publicKey: Buffer.from(stored.publicKey), privateKey };
}
