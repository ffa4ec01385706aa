import { randomBytes } from "node:crypto";
import * as OTPAuth from "otpauth";
import { auth } from "@/lib/auth/auth";
import { confirmEnrolment, cookieHeadersFrom, signInForEnrolment, startEnrolment } from "@/lib/auth/enrolment";
import { acceptInvitation, inviteStaff } from "@/lib/auth/invitations";
import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db";

export const staffPassword = "correct horse battery staple";

export type TestStaff = { userId: string; email: string; secret?: string; headers: Headers; totp: () => string };

/** A real staff account made the way people get one: invited, password set, TOTP enrolled. */
export async function createStaff(role: Role, options: { organization?: string; enrolled?: boolean } = {}): Promise<TestStaff> {
  const email = `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@staff.test`;
  const organizationId = options.organization
    ? (await db.organization.findUniqueOrThrow({ where: { slug: options.organization }, select: { id: true } })).id
    : null;
  const { userId, link } = await inviteStaff({ email, name: `Test ${role}`, role, organizationId, locale: "en" });
  const accepted = await acceptInvitation(link.split("/").pop()!, staffPassword);
  if (!accepted) throw new Error("invitation not accepted");
  const headers = await signInForEnrolment(email, staffPassword, new Headers());
  if (!headers) throw new Error("could not sign in");
  if (options.enrolled === false) return { userId, email, headers, totp: () => "" };
  const enrolment = await startEnrolment(staffPassword, headers);
  if (!enrolment) throw new Error("could not start enrolment");
  const totp = () => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(enrolment.secret) }).generate();
  if (!(await confirmEnrolment(totp(), userId, headers))) throw new Error("could not enrol");
  return { userId, email, secret: enrolment.secret, headers: await signInWithCode(email, totp()), totp };
}


/** Password, then TOTP code, as at the sign-in page; returns headers carrying the session. */
export async function signInWithCode(email: string, code: string): Promise<Headers> {
  const first = await auth().api.signInEmail({ body: { email, password: staffPassword }, headers: new Headers(), returnHeaders: true });
  const second = await auth().api.verifyTOTP({ body: { code }, headers: cookieHeadersFrom(first.headers), returnHeaders: true });
  return cookieHeadersFrom(second.headers);
}
