import "server-only";
import { SealError } from "@/lib/crypto/sealing";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { holdsKeys, prepareMemberKeys, saveMemberKeys, unlockMemberKeys } from "./member-keys";
import { openGrantedKeys, type OrganizationKeyPair } from "./organization-keys";
import {
  bindVault,
  boundVaultSeconds,
  dropVaultIfSecondFactorLocked,
  pendingVaultSeconds,
  storeVault,
} from "./session-vault";
import type { VaultCookie } from "./vault-cookie";

// Sign-in's part in the keys (lib/auth/sign-in.ts calls these). Without a vault cookie (the
// callers that are not a browser's request) no key is opened and nothing is kept.

/**
 * At a right password: the organisation keys granted to this member, opened. An account made
 * before members had keys gets its key pair now, while the password is at hand. A key that does
 * not open is logged (never with the key) and signs the member in without keys rather than not
 * at all: reading sealed reports then needs a colleague's grant or the recovery key.
 */
async function openKeysWithPassword(
  userId: string,
  password: string,
): Promise<OrganizationKeyPair[]> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
  if (!user || !holdsKeys(user.role)) return [];
  try {
    const member = await unlockMemberKeys(userId, password);
    if (!member) {
      await saveMemberKeys(userId, await prepareMemberKeys(userId, password));
      return [];
    }
    return await openGrantedKeys(userId, member);
  } catch (error) {
    if (!(error instanceof SealError)) throw error;
    log.warn("keys.memberKeyUnopenable", { userId });
    return [];
  }
}

/** The id of the session better-auth just made, from its token. */
export const sessionIdOf = async (token: string | null | undefined) =>
  token
    ? ((await db.session.findUnique({ where: { token }, select: { id: true } }))?.id ?? null)
    : null;

/**
 * Opens the member's organisation keys with the password just accepted and keeps them in a vault
 * for the session (or, sessionId null, for the code step to come). Nothing to keep, nothing kept.
 */
export async function keepKeysAtSignIn(
  vault: VaultCookie | undefined,
  userId: string,
  password: string,
  sessionId: string | null,
): Promise<void> {
  if (!vault) return;
  const keys = await openKeysWithPassword(userId, password);
  if (!keys.length) return vault.clear();
  const ticket = await storeVault(userId, keys, sessionId);
  vault.write(ticket, sessionId ? boundVaultSeconds : pendingVaultSeconds);
}

/** The second factor held: the waiting vault becomes the new session's (or the cookie goes). */
export async function keepKeysAfterSecondFactor(
  vault: VaultCookie | undefined,
  userId: string,
  token: string | undefined,
): Promise<void> {
  const ticket = vault?.read();
  if (!vault || !ticket) return;
  const sessionId = await sessionIdOf(token);
  if (sessionId && (await bindVault(ticket, userId, sessionId)))
    vault.write(ticket, boundVaultSeconds);
  else vault.clear();
}

/**
 * A code refused. A mistyped code leaves the keys waiting for the right one (until the code step
 * expires); once the second factor is locked by failures, they are dropped.
 */
export async function settleKeysAfterFailedSecondFactor(vault: VaultCookie | undefined) {
  if (vault && (await dropVaultIfSecondFactorLocked(vault.read()))) vault.clear();
}
