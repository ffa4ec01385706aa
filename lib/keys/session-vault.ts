import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { sessionAbsoluteSeconds } from "@/lib/auth/auth";
import { SealError, unwrapKey, wrapKey } from "@/lib/crypto/sealing";
import { db } from "@/lib/db";
import { bytes } from "./member-keys";
import type { OrganizationKeyPair } from "./organization-keys";

// Where a signed-in member's opened organisation keys wait between requests. The row holds them
// encrypted under a random key that exists only in the member's HttpOnly cookie (the "ticket":
// row id and key): the database alone opens nothing, a cookie alone holds nothing, and any app
// instance can serve the session. A vault belongs to one session; until the second factor is
// given it belongs to none and lives no longer than the code step (better-auth's 10 minutes).

/** How long a vault waits for the second factor: better-auth's code-step cookie lives as long. */
export const pendingVaultSeconds = 600;
/** A bound vault lives no longer than the longest session. */
export const boundVaultSeconds = sessionAbsoluteSeconds;

const ticketPattern =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

function parseTicket(ticket: string | null | undefined) {
  const match = ticket ? ticketPattern.exec(ticket) : null;
  if (!match) return null;
  const key = Buffer.from(match[2]!, "base64url");
  return key.length === 32 ? { id: match[1]!, key } : null;
}

const associatedData = (vaultId: string, userId: string) => `key-vault:${vaultId}:user:${userId}`;

type Stored = {
  organizationKeyId: string;
  organizationId: string;
  version: number;
  publicKey: string;
  privateKey: string;
};

function seal(keys: OrganizationKeyPair[], vaultId: string, userId: string, cookieKey: Buffer) {
  const stored: Stored[] = keys.map((key) => ({
    organizationKeyId: key.organizationKeyId,
    organizationId: key.organizationId,
    version: key.version,
    publicKey: key.publicKey.toString("base64"),
    privateKey: key.privateKey.toString("base64"),
  }));
  const plain = Buffer.from(JSON.stringify(stored), "utf8");
  return bytes(wrapKey(plain, cookieKey, associatedData(vaultId, userId)));
}

/**
 * Keeps opened keys for a session (or, with sessionId null, for the second factor still to
 * come). Returns the ticket for the cookie. Expired vaults of anyone are swept on the way.
 */
export async function storeVault(
  userId: string,
  keys: OrganizationKeyPair[],
  sessionId: string | null,
): Promise<string> {
  const id = randomUUID();
  const cookieKey = randomBytes(32);
  const seconds = sessionId ? boundVaultSeconds : pendingVaultSeconds;
  await db.keyVault.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  await db.$transaction(async (tx) => {
    // One vault per session: a later one (keys made or recovered) replaces it.
    if (sessionId) await tx.keyVault.deleteMany({ where: { sessionId } });
    await tx.keyVault.create({
      data: {
        id,
        userId,
        sessionId,
        sealed: seal(keys, id, userId, cookieKey),
        expiresAt: new Date(Date.now() + seconds * 1000),
      },
    });
  });
  return `${id}.${cookieKey.toString("base64url")}`;
}

/**
 * After the second factor: the waiting vault becomes the new session's. False when there is none
 * for this user (expired, dropped, another person's ticket), and nothing changes then.
 */
export async function bindVault(
  ticket: string | null | undefined,
  userId: string,
  sessionId: string,
): Promise<boolean> {
  const parsed = parseTicket(ticket);
  if (!parsed) return false;
  const bound = await db.keyVault.updateMany({
    where: { id: parsed.id, userId, sessionId: null, expiresAt: { gt: new Date() } },
    data: { sessionId, expiresAt: new Date(Date.now() + boundVaultSeconds * 1000) },
  });
  return bound.count === 1;
}

/** The keys this session's vault holds, or null when the ticket opens none of this session's. */
export async function openVault(
  ticket: string | null | undefined,
  userId: string,
  sessionId: string,
): Promise<OrganizationKeyPair[] | null> {
  const parsed = parseTicket(ticket);
  if (!parsed) return null;
  const row = await db.keyVault.findFirst({
    where: { id: parsed.id, userId, sessionId, expiresAt: { gt: new Date() } },
    select: { sealed: true },
  });
  if (!row) return null;
  try {
    const plain = unwrapKey(row.sealed, parsed.key, associatedData(parsed.id, userId));
    return (JSON.parse(plain.toString("utf8")) as Stored[]).map((key) => ({
      organizationKeyId: key.organizationKeyId,
      organizationId: key.organizationId,
      version: key.version,
      publicKey: Buffer.from(key.publicKey, "base64"),
      privateKey: Buffer.from(key.privateKey, "base64"),
    }));
  } catch (error) {
    if (error instanceof SealError) return null;
    throw error;
  }
}

/** Drops the vault waiting for this ticket's code step once its owner's second factor is locked. */
export async function dropVaultIfSecondFactorLocked(ticket: string | null | undefined) {
  const parsed = parseTicket(ticket);
  if (!parsed) return false;
  const removed = await db.keyVault.deleteMany({
    where: {
      id: parsed.id,
      sessionId: null,
      user: { twoFactors: { some: { lockedUntil: { gt: new Date() } } } },
    },
  });
  return removed.count > 0;
}
