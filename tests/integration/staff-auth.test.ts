import { describe, expect, it } from "vitest";
import { auth } from "@/lib/auth/auth";
import { cookieHeadersFrom } from "@/lib/auth/enrolment";
import { acceptInvitation, findInvitation, inviteStaff } from "@/lib/auth/invitations";
import { resolveStaffSession } from "@/lib/auth/session";
import { lockoutPolicy, signInWithPassword, verifySecondFactor } from "@/lib/auth/sign-in";
import { resetSecondFactor, setStaffDisabled } from "@/lib/auth/staff-accounts";
import { db } from "@/lib/db";
import { withPg } from "../support/database";
import { createStaff, staffPassword } from "../support/staff";
import { freshDirectoryWithoutAnswerFloor } from "../support/fresh-each-test";

freshDirectoryWithoutAnswerFloor();

const tokenOf = (link: string) => link.split("/").pop()!;

describe("invitations", () => {
  it("work once", async () => {
    const { link } = await inviteStaff({
      email: "once@staff.test",
      name: "Once",
      role: "TRIAGE",
      locale: "sl",
    });
    expect(await findInvitation(tokenOf(link))).not.toBeNull();
    expect(await acceptInvitation(tokenOf(link), staffPassword)).not.toBeNull();
    expect(await findInvitation(tokenOf(link))).toBeNull();
    expect(await acceptInvitation(tokenOf(link), "another long password")).toBeNull();
  });

  it("expire after 72 hours", async () => {
    const { link, userId } = await inviteStaff({
      email: "late@staff.test",
      name: "Late",
      role: "TRIAGE",
      locale: "en",
    });
    const invitation = await db.invitation.findFirstOrThrow({ where: { userId } });
    expect(
      Math.abs(invitation.expiresAt.getTime() - invitation.createdAt.getTime() - 72 * 3600 * 1000),
    ).toBeLessThan(5000);
    await db.invitation.update({
      where: { id: invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await acceptInvitation(tokenOf(link), staffPassword)).toBeNull();
    expect(await db.account.count({ where: { userId } })).toBe(0);
  });

  it("store only a hash of the token, and audit the invitation", async () => {
    const { link } = await inviteStaff({
      email: "hash@staff.test",
      name: "Hash",
      role: "ADMIN",
      locale: "uk",
    });
    const everything = await withPg(async (c) =>
      JSON.stringify((await c.query('SELECT * FROM "Invitation"')).rows),
    );
    expect(everything).not.toContain(tokenOf(link));
    expect(await db.auditEvent.count({ where: { action: "staff.invited" } })).toBe(1);
  });

  it("bind organisation staff to exactly one organisation", async () => {
    await expect(
      inviteStaff({ email: "x@staff.test", name: "X", role: "ORG_STAFF", locale: "sl" }),
    ).rejects.toThrow("organizationRequired");
    const org = await db.organization.findFirstOrThrow({ where: { slug: "kljuc" } });
    await expect(
      inviteStaff({
        email: "y@staff.test",
        name: "Y",
        role: "TRIAGE",
        organizationId: org.id,
        locale: "sl",
      }),
    ).rejects.toThrow("organizationNotAllowed");
    // An organisation id that names no organisation (forged, or deleted since the form was drawn)
    // is refused as a missing organisation, and no account is made.
    await expect(
      inviteStaff({
        email: "z@staff.test",
        name: "Z",
        role: "ORG_STAFF",
        organizationId: crypto.randomUUID(),
        locale: "sl",
      }),
    ).rejects.toThrow("organizationRequired");
    expect(
      await db.user.count({
        where: { email: { in: ["x@staff.test", "y@staff.test", "z@staff.test"] } },
      }),
    ).toBe(0);
  });
});

describe("second factor", () => {
  it("is required: a password alone opens nothing but enrolment", async () => {
    const person = await createStaff("TRIAGE", { enrolled: false });
    expect((await resolveStaffSession(person.headers)).status).toBe("needsSecondFactor");
  });

  it("once enrolled, a password only leads to the code step, and a wrong code fails", async () => {
    const person = await createStaff("TRIAGE");
    expect((await resolveStaffSession(person.headers)).status).toBe("active");
    expect(await signInWithPassword(person.email, staffPassword, new Headers())).toBe(
      "secondFactor",
    );
    expect(await verifySecondFactor("000000", "totp", new Headers())).toBe(false);
  });

  it("reset by an administrator ends the sessions and requires enrolling again", async () => {
    const admin = await createStaff("ADMIN");
    const person = await createStaff("TRIAGE");
    expect(await resetSecondFactor(person.userId, admin.userId)).toBe(true);
    expect((await resolveStaffSession(person.headers)).status).toBe("signedOut");
    expect(await signInWithPassword(person.email, staffPassword, new Headers())).toBe("enrol");
  });
});

describe("sign-in hardening", () => {
  it("locks an account after repeated failures, even for the right password", async () => {
    const person = await createStaff("TRIAGE");
    for (let i = 0; i < lockoutPolicy.lockAfter; i++) {
      expect(await signInWithPassword(person.email, "wrong password!!", new Headers())).toBe(
        "rejected",
      );
    }
    const user = await db.user.findUniqueOrThrow({ where: { id: person.userId } });
    expect(user.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(await signInWithPassword(person.email, staffPassword, new Headers())).toBe("rejected");
    expect(
      await db.auditEvent.count({ where: { action: "auth.lockedOut", actorId: person.userId } }),
    ).toBe(1);
  });

  it("answers an unknown e-mail exactly like a wrong password", async () => {
    const person = await createStaff("TRIAGE");
    expect(await signInWithPassword("nobody@staff.test", staffPassword, new Headers())).toBe(
      "rejected",
    );
    expect(await signInWithPassword(person.email, "wrong password!!", new Headers())).toBe(
      "rejected",
    );
  });

  it("ends a disabled account's sessions at once and refuses its sign-in", async () => {
    const admin = await createStaff("ADMIN");
    const person = await createStaff("ORG_STAFF", { organization: "caritas" });
    expect((await resolveStaffSession(person.headers)).status).toBe("active");
    expect(await setStaffDisabled(person.userId, true, admin.userId)).toBe(true);
    expect((await resolveStaffSession(person.headers)).status).toBe("signedOut");
    expect(await db.session.count({ where: { userId: person.userId } })).toBe(0);
    expect(await signInWithPassword(person.email, staffPassword, new Headers())).toBe("rejected");
  });

  it("ends sessions past the absolute lifetime even while in use", async () => {
    const person = await createStaff("TRIAGE");
    await db.session.updateMany({
      where: { userId: person.userId },
      data: { createdAt: new Date(Date.now() - 13 * 3600 * 1000) },
    });
    expect((await resolveStaffSession(person.headers)).status).toBe("signedOut");
  });

  it("keeps no IP address or user agent in sessions", async () => {
    const person = await createStaff("ADMIN");
    const browserLike = new Headers({
      "user-agent": "Mozilla/5.0 CanaryAgent/1.0",
      "x-forwarded-for": "203.0.113.77",
    });
    const signedIn = await auth().api.signInEmail({
      body: { email: person.email, password: staffPassword },
      headers: browserLike,
      returnHeaders: true,
    });
    browserLike.set("cookie", cookieHeadersFrom(signedIn.headers).get("cookie")!);
    await auth().api.verifyTOTP({ body: { code: person.totp() }, headers: browserLike });
    const sessions = await db.session.findMany({ select: { ipAddress: true, userAgent: true } });
    expect(sessions.length).toBeGreaterThan(1);
    for (const session of sessions) {
      expect(session.ipAddress || null).toBeNull();
      expect(session.userAgent || null).toBeNull();
    }
  });
});
