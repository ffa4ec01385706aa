import { randomBytes } from "node:crypto";
import * as OTPAuth from "otpauth";
import { auth } from "@/lib/auth/auth";
import {
  confirmEnrolment,
  cookieHeadersFrom,
  signInForEnrolment,
  startEnrolment,
} from "@/lib/auth/enrolment";
import { acceptInvitation, inviteStaff } from "@/lib/auth/invitations";
import type { Role } from "@/lib/auth/permissions";
import { staffUserSelect, type StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { grantTestKeys, withVault } from "./test-keys";

export const staffPassword = "correct horse battery staple";

export type TestStaff = {
  userId: string;
  email: string;
  secret?: string;
  backupCodes?: string[];
  headers: Headers;
  totp: (offsetSteps?: number) => string;
};

/** A real staff account made the way people get one: invited, password set, TOTP enrolled. */
export async function createStaff(
  role: Role,
  /** keys: false leaves the member without their organisation's key (see test-keys.ts). */
  options: { organization?: string; enrolled?: boolean; keys?: boolean } = {},
): Promise<TestStaff> {
  const email = `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@staff.test`;
  const organizationId = options.organization
    ? (
        await db.organization.findUniqueOrThrow({
          where: { slug: options.organization },
          select: { id: true },
        })
      ).id
    : null;
  const { userId, link } = await inviteStaff({
    email,
    name: `Test ${role}`,
    role,
    organizationId,
    locale: "en",
  });
  const accepted = await acceptInvitation(link.split("/").pop()!, staffPassword);
  if (!accepted) throw new Error("invitation not accepted");
  // The account took its link directly: its invitation mail is no part of any test's outbox.
  await db.outboxEmail.deleteMany({ where: { to: email, template: "invitation" } });
  // Granted before signing in, so the session's vault holds it, as after a colleague's grant.
  if (options.keys !== false && role !== "ADMIN") await grantTestKeys(userId);
  const headers = await signInForEnrolment(email, staffPassword, new Headers());
  if (!headers) throw new Error("could not sign in");
  if (options.enrolled === false) return { userId, email, headers, totp: () => "" };
  const enrolment = await startEnrolment(staffPassword, headers);
  if (!enrolment) throw new Error("could not start enrolment");
  const totp = (offsetSteps = 0) =>
    new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(enrolment.secret) }).generate({
      timestamp: Date.now() + offsetSteps * 30_000,
    });
  if (!(await confirmEnrolment(totp(), userId, headers))) throw new Error("could not enrol");
  // Each code is accepted once: the sign-in takes the next step's code (still inside the window).
  const session = await signInWithCode(email, totp(1));
  // Setting the account up used up these steps; tests start as if it had been set up a while ago.
  await db.user.update({ where: { id: userId }, data: { lastTotpStep: null } });
  return {
    userId,
    email,
    secret: enrolment.secret,
    backupCodes: enrolment.backupCodes,
    // The session's vault holds the keys granted above, as after a sign-in in the browser.
    headers: await withVault(session, userId),
    totp,
  };
}

/** Password, then TOTP code, as at the sign-in page; returns headers carrying the session. */
export async function signInWithCode(email: string, code: string): Promise<Headers> {
  const first = await auth().api.signInEmail({
    body: { email, password: staffPassword },
    headers: new Headers(),
    returnHeaders: true,
  });
  const second = await auth().api.verifyTOTP({
    body: { code },
    headers: cookieHeadersFrom(first.headers),
    returnHeaders: true,
  });
  return cookieHeadersFrom(second.headers);
}

/** A staff member as the session reads them, for calling lib functions as that person. */
export const readStaffUser = (userId: string): Promise<StaffUser> =>
  db.user.findUniqueOrThrow({ where: { id: userId }, select: staffUserSelect });

/** Every kind of caller the authorization matrices check, signed out included. */
export const actors = [
  "signedOut",
  "withoutSecondFactor",
  "admin",
  "triage",
  "kljuc",
  "caritas",
] as const;
export type Actor = (typeof actors)[number];

/** One real account of each signed-in kind of caller (the organisations seeded first). */
export async function createActors(): Promise<Record<Exclude<Actor, "signedOut">, TestStaff>> {
  return {
    withoutSecondFactor: await createStaff("TRIAGE", { enrolled: false }),
    admin: await createStaff("ADMIN"),
    triage: await createStaff("TRIAGE"),
    kljuc: await createStaff("ORG_STAFF", { organization: "kljuc" }),
    caritas: await createStaff("ORG_STAFF", { organization: "caritas" }),
  };
}
