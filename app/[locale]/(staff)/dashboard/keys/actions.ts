"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { done, refuse } from "@/lib/actions/posted-fields";
import { staffAction, type StaffFormState } from "@/lib/actions/staff-action";
import { getStaffSession, type StaffUser } from "@/lib/auth/session";
import {
  grantOrganizationKey,
  makeOrganizationKeys,
  revokeOrganizationKeyGrant,
} from "@/lib/keys/organization-keys";
import { recoverOrganizationKey } from "@/lib/keys/recover-organization-key";
import { rotateOrganizationKey } from "@/lib/keys/rotate-organization-key";
import { keepKeyForSession, openOrganizationKeyForSession } from "@/lib/keys/session-keys";
import { requestVaultCookie } from "@/lib/keys/vault-cookie";
import { recoverKeySchema, staffIdSchema } from "@/lib/validation/staff";

const makeKeysSchema = z.object({});
export type MakeKeysState = StaffFormState<typeof makeKeysSchema, { recoveryKey: string }>;
export type RecoverKeyState = StaffFormState<typeof recoverKeySchema>;

const keysPage = "/[locale]/dashboard/keys";

/** The caller's session (staffAction has checked it is active and holds keys.manage). */
async function activeSession(user: StaffUser) {
  const session = await getStaffSession();
  return session.status === "active" && session.user.id === user.id
    ? { user, sessionId: session.sessionId }
    : null;
}

// The recovery key is in this answer once, and nowhere else: not stored, not logged, not mailed.
export const makeOrganizationKeysAction = staffAction(
  "keys.manage",
  makeKeysSchema,
  async (_input, member) => {
    const session = await activeSession(member);
    if (!session) return refuse("forbidden");
    const made = await makeOrganizationKeys(member);
    if (made.status === "exists") return refuse("conflict");
    if (made.status !== "made") return refuse("notAllowed");
    await keepKeyForSession(session, made.key, await requestVaultCookie());
    revalidatePath(keysPage, "page");
    return done({ recoveryKey: made.recoveryKey });
  },
);

// After a member leaves or a device is lost: a new key for everything from now on, what was sealed
// to the old one sealed again, the old one deleted; the new recovery key is in this answer once.
export const rotateOrganizationKeyAction = staffAction(
  "keys.manage",
  makeKeysSchema,
  async (_input, member) => {
    const session = await activeSession(member);
    if (!session) return refuse("forbidden");
    const cookie = await requestVaultCookie();
    const key = await openOrganizationKeyForSession(session, cookie.read());
    if (!key) return refuse("notAllowed");
    const rotated = await rotateOrganizationKey(member, key);
    if (rotated.status !== "rotated") return refuse("conflict");
    await keepKeyForSession(session, rotated.key, cookie);
    revalidatePath(keysPage, "page");
    return done({ recoveryKey: rotated.recoveryKey });
  },
);

export const grantOrganizationKeyAction = staffAction(
  "keys.manage",
  staffIdSchema,
  async ({ userId }, member) => {
    const session = await activeSession(member);
    if (!session) return refuse("forbidden");
    const key = await openOrganizationKeyForSession(session, (await requestVaultCookie()).read());
    if (!key) return refuse("notAllowed");
    const outcome = await grantOrganizationKey(member, key, userId);
    revalidatePath(keysPage, "page");
    return outcome === "granted" ? done() : refuse("notFound");
  },
);

export const revokeOrganizationKeyGrantAction = staffAction(
  "keys.manage",
  staffIdSchema,
  async ({ userId }, member) => {
    const revoked = await revokeOrganizationKeyGrant(member, userId);
    revalidatePath(keysPage, "page");
    return revoked ? done() : refuse("notFound");
  },
);

export const recoverOrganizationKeyAction = staffAction(
  "keys.manage",
  recoverKeySchema,
  async ({ recoveryCode }, member) => {
    const session = await activeSession(member);
    if (!session) return refuse("forbidden");
    const recovered = await recoverOrganizationKey(member, recoveryCode);
    // No keys to recover, or no key of the member's own to grant them to: not the key's fault.
    if (recovered.status === "noKeys" || recovered.status === "noMemberKey")
      return refuse("notAllowed");
    if (recovered.status !== "recovered")
      return refuse("invalid", { recoveryCode: recovered.status });
    await keepKeyForSession(session, recovered.key, await requestVaultCookie());
    revalidatePath(keysPage, "page");
    return done();
  },
);
