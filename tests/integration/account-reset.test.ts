import { describe, expect, it } from "vitest";
import { acceptInvitation, reissueAccountSetup } from "@/lib/auth/invitations";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { unlockMemberKeys } from "@/lib/keys/member-keys";
import { grantOrganizationKey, openGrantedKeys } from "@/lib/keys/organization-keys";
import { freshDirectoryWithoutAnswerFloor } from "../support/fresh-each-test";
import { openKeysOf } from "../support/organization-keys";
import { createStaff, readStaffUser, staffPassword } from "../support/staff";

// A lost password (issue 15): an administrator sends a new set-up link; the old password, second
// factor and sessions stop at once; the new password makes a new key pair, so the member's old
// grants (sealed to the lost key pair) go, and a colleague grants the organisation's key again.

freshDirectoryWithoutAnswerFloor();

const newPassword = "a brand new passphrase for winter";

/** The one-time link's token from the account-reset mail waiting in the outbox. */
async function mailedToken(email: string) {
  const mail = await db.outboxEmail.findFirstOrThrow({
    where: { to: email, template: "accountReset" },
    orderBy: { createdAt: "desc" },
  });
  const link = (mail.data as { link: string }).link;
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return link.split("/").pop()!;
}

describe("a new set-up link for a lost password", () => {
  it("stops the old password and sessions, and the colleague's grant opens the key under the new password", async () => {
    const maker = await createStaff("ORG_STAFF", { organization: "kljuc" });
    const colleague = await createStaff("ORG_STAFF", { organization: "kljuc" });
    const admin = await createStaff("ADMIN");
    const key = await openKeysOf(maker);
    await openKeysOf(colleague);
    expect(await db.session.count({ where: { userId: colleague.userId } })).toBeGreaterThan(0);

    expect(await reissueAccountSetup(colleague.userId, admin.userId)).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { id: colleague.userId } });
    expect(user.twoFactorEnabled).toBe(false);
    expect(await db.session.count({ where: { userId: colleague.userId } })).toBe(0);
    expect(await db.keyVault.count({ where: { userId: colleague.userId } })).toBe(0);
    expect(
      await signInWithPassword(colleague.email, staffPassword, new Headers(), colleague.totp()),
    ).not.toBe("signedIn");
    // The first invitation, and any earlier link, no longer work.
    expect(await db.invitation.count({ where: { userId: colleague.userId, usedAt: null } })).toBe(
      1,
    );

    const oldPublicKey = (
      await db.memberKey.findUniqueOrThrow({ where: { userId: colleague.userId } })
    ).publicKey;
    const accepted = await acceptInvitation(await mailedToken(colleague.email), newPassword);
    expect(accepted?.userId).toBe(colleague.userId);
    const member = await unlockMemberKeys(colleague.userId, newPassword);
    expect(Buffer.from(member!.publicKey).equals(Buffer.from(oldPublicKey))).toBe(false);
    // The grant sealed to the lost key pair is gone; nothing opens until a colleague grants.
    expect(await openGrantedKeys(colleague.userId, member!)).toEqual([]);

    expect(
      await grantOrganizationKey(await readStaffUser(maker.userId), key, colleague.userId),
    ).toBe("granted");
    const [opened] = await openGrantedKeys(colleague.userId, member!);
    expect(opened?.privateKey.equals(key.privateKey)).toBe(true);

    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "staff.setupReissued" },
    });
    expect(audit.actorId).toBe(admin.userId);
  });

  it("is refused for a disabled or unknown account, and a link is usable once", async () => {
    const admin = await createStaff("ADMIN");
    const person = await createStaff("TRIAGE");
    expect(await reissueAccountSetup(crypto.randomUUID(), admin.userId)).toBe(false);
    expect(await reissueAccountSetup(person.userId, admin.userId)).toBe(true);
    const first = await mailedToken(person.email);
    // A second link replaces the first.
    expect(await reissueAccountSetup(person.userId, admin.userId)).toBe(true);
    const second = await mailedToken(person.email);
    expect(await acceptInvitation(first, newPassword)).toBeNull();
    expect(await acceptInvitation(second, newPassword)).not.toBeNull();
    expect(await acceptInvitation(second, newPassword)).toBeNull();
    await db.user.update({ where: { id: person.userId }, data: { disabled: true } });
    expect(await reissueAccountSetup(person.userId, admin.userId)).toBe(false);
  });
});
