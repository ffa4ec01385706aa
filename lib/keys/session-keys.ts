import "server-only";
import { cache } from "react";
import { getStaffSession, type StaffUser } from "@/lib/auth/session";
import {
  findCurrentOrganizationKey,
  keyOrganizationIdOf,
  type OrganizationKeyPair,
} from "./organization-keys";
import { boundVaultSeconds, openVault, storeVault } from "./session-vault";
import { requestVaultCookie, type VaultCookie } from "./vault-cookie";

// What the rest of the app asks of a signed-in member's keys. Reading a sealed report (the next
// brick) needs the organisation's private key: it is in this session's vault or nowhere.

type ActiveSession = { user: StaffUser; sessionId: string };

/**
 * The organisation key this session holds: by default the current key of the member's
 * organisation, or the version named (older reports stay sealed to the key of their time).
 * Null when the session holds none: not granted yet, signed in before the grant, or the vault
 * cookie missing or not this session's.
 */
export async function openOrganizationKeyForSession(
  session: ActiveSession,
  ticket: string | null,
  organizationKeyId?: string,
): Promise<OrganizationKeyPair | null> {
  const keys = await openVault(ticket, session.user.id, session.sessionId);
  if (!keys?.length) return null;
  let wanted = organizationKeyId;
  if (!wanted) {
    const organizationId = await keyOrganizationIdOf(session.user);
    wanted = organizationId ? (await findCurrentOrganizationKey(organizationId))?.id : undefined;
  }
  return keys.find((key) => key.organizationKeyId === wanted) ?? null;
}

/** Adds a key just made or recovered to the session's vault, so it is usable without signing in again. */
export async function keepKeyForSession(
  session: ActiveSession,
  key: OrganizationKeyPair,
  cookie: VaultCookie,
): Promise<void> {
  const held = (await openVault(cookie.read(), session.user.id, session.sessionId)) ?? [];
  const keys = [key, ...held.filter((k) => k.organizationKeyId !== key.organizationKeyId)];
  cookie.write(await storeVault(session.user.id, keys, session.sessionId), boundVaultSeconds);
}

/**
 * Every organisation key this request's signed-in session holds, all versions (a report stays
 * sealed to the key of its time), once per request. None when signed out, not granted yet, or the
 * vault cookie is missing or not this session's: sealed content then stays closed.
 */
export const heldKeysOfRequest = cache(async (): Promise<OrganizationKeyPair[]> => {
  const session = await getStaffSession();
  if (session.status !== "active") return [];
  const ticket = (await requestVaultCookie()).read();
  return (await openVault(ticket, session.user.id, session.sessionId)) ?? [];
});
