import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { appUrl } from "@/lib/config";
import { db } from "@/lib/db";
import { mailPath, type Locale } from "@/lib/i18n/routing";
import { holdsKeys, prepareMemberKeys, saveMemberKeys } from "@/lib/keys/member-keys";
import { enqueueEmails } from "@/lib/mail/outbox";
import { auth } from "./auth";
import type { Role } from "./permissions";
import { pairProblem } from "./placements";

const invitationLifetimeHours = 72;

const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

export type InviteInput = {
  email: string;
  name: string;
  role: Role;
  organizationId?: string | null;
  locale: Locale;
  invitedBy?: string | null;
};

export class InvitationError extends Error {
  constructor(readonly reason: "emailTaken" | "organizationRequired" | "organizationNotAllowed") {
    super(reason);
  }
}

/**
 * Creates the account (without a password) and a one-time link valid for 72 hours, and mails the
 * link through the outbox, in the same transaction: no account without its mail, no mail for an
 * account that was not made. Returns the link so the first administrator's command can print it.
 */
export async function inviteStaff(input: InviteInput): Promise<{ userId: string; link: string }> {
  const email = input.email.trim().toLowerCase();
  const problem = pairProblem(input.role, input.organizationId);
  if (problem) throw new InvitationError(problem);
  // A forged or stale organisation id is refused as a missing organisation, not a database error.
  if (
    input.organizationId &&
    !(await db.organization.count({ where: { id: input.organizationId } }))
  )
    throw new InvitationError("organizationRequired");
  if (await db.user.findUnique({ where: { email }, select: { id: true } }))
    throw new InvitationError("emailTaken");

  const token = randomBytes(32).toString("base64url");
  const userId = randomUUID();
  const link = `${appUrl()}${mailPath(`/invite/${token}`, input.locale)}`;
  await db.$transaction(async (tx) => {
    await tx.user.create({
      data: {
        id: userId,
        email,
        name: input.name.trim(),
        role: input.role,
        organizationId: input.organizationId ?? null,
        locale: input.locale,
      },
    });
    await tx.invitation.create({
      data: {
        userId,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + invitationLifetimeHours * 3600 * 1000),
        createdById: input.invitedBy ?? null,
      },
    });
    await recordAudit(
      {
        action: "staff.invited",
        actorKind: input.invitedBy ? "STAFF" : "SYSTEM",
        actorId: input.invitedBy,
        detail: { userId, role: input.role },
      },
      tx,
    );
    await enqueueEmails(
      [
        {
          to: email,
          template: "invitation",
          locale: input.locale,
          data: { link, hours: String(invitationLifetimeHours) },
        },
      ],
      tx,
    );
  });
  return { userId, link };
}

/**
 * A lost password: the account is set up again from a new one-time link, as an invitation is.
 * The old password, second factor, sessions and session vaults go at once, so neither the old
 * password nor a session on a lost device opens anything, and whoever holds only the old password
 * cannot enrol a second factor of their own. Earlier unused links stop working. Setting the new
 * password makes a new key pair for the member (lib/keys/member-keys.ts); the organisation's key
 * reaches them again when a colleague grants it or the recovery key opens it.
 */
export async function reissueAccountSetup(userId: string, adminId: string): Promise<boolean> {
  const token = randomBytes(32).toString("base64url");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({
      where: { id: userId, disabled: false },
      select: { email: true, locale: true },
    });
    if (!user) return false;
    await tx.user.update({
      where: { id: userId },
      data: { twoFactorEnabled: false, lastTotpStep: null, failedSignIns: 0, lockedUntil: null },
    });
    await tx.account.deleteMany({ where: { userId, providerId: "credential" } });
    await tx.twoFactor.deleteMany({ where: { userId } });
    await tx.session.deleteMany({ where: { userId } });
    await tx.keyVault.deleteMany({ where: { userId } });
    await tx.invitation.updateMany({
      where: { userId, usedAt: null },
      data: { usedAt: new Date() },
    });
    await tx.invitation.create({
      data: {
        userId,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + invitationLifetimeHours * 3600 * 1000),
        createdById: adminId,
      },
    });
    const locale: Locale = user.locale === "en" || user.locale === "uk" ? user.locale : "sl";
    await enqueueEmails(
      [
        {
          to: user.email,
          template: "accountReset",
          locale,
          data: {
            link: `${appUrl()}${mailPath(`/invite/${token}`, locale)}`,
            hours: String(invitationLifetimeHours),
          },
        },
      ],
      tx,
    );
    await recordAudit(
      { action: "staff.setupReissued", actorKind: "STAFF", actorId: adminId, detail: { userId } },
      tx,
    );
    return true;
  });
}

/** A valid (unused, unexpired) invitation for this token, with its person, or null. */
export async function findInvitation(token: string) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      usedAt: true,
      expiresAt: true,
      user: { select: { id: true, email: true, name: true, disabled: true, role: true } },
    },
  });
  if (
    !invitation ||
    invitation.usedAt ||
    invitation.expiresAt < new Date() ||
    invitation.user.disabled
  )
    return null;
  return invitation;
}

/**
 * Sets the invited person's password and uses the invitation up, atomically: a second use of
 * the same link, or a use after expiry, changes nothing. A member who may hold organisation keys
 * gets their own key pair under the same password, in the same transaction.
 */
export async function acceptInvitation(
  token: string,
  password: string,
): Promise<{ userId: string; email: string } | null> {
  const invitation = await findInvitation(token);
  if (!invitation) return null;
  const context = await auth().$context;
  const hash = await context.password.hash(password);
  const memberKeys = holdsKeys(invitation.user.role)
    ? await prepareMemberKeys(invitation.user.id, password)
    : null;
  const accepted = await db.$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (claimed.count !== 1) return false;
    await tx.account.deleteMany({
      where: { userId: invitation.user.id, providerId: "credential" },
    });
    await tx.account.create({
      data: {
        id: randomUUID(),
        userId: invitation.user.id,
        accountId: invitation.user.id,
        providerId: "credential",
        password: hash,
      },
    });
    if (memberKeys) await saveMemberKeys(invitation.user.id, memberKeys, tx);
    await recordAudit(
      { action: "staff.invitationAccepted", actorKind: "STAFF", actorId: invitation.user.id },
      tx,
    );
    return true;
  });
  return accepted ? { userId: invitation.user.id, email: invitation.user.email } : null;
}
