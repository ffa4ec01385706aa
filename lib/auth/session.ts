import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auth, sessionAbsoluteSeconds } from "./auth";
import { can, type Permission, type Role } from "./permissions";

export type StaffUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string | null;
  locale: string;
};

/** The columns of a StaffUser, for every query that reads one. */
export const staffUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  organizationId: true,
  locale: true,
} as const satisfies Prisma.UserSelect;

export type StaffSession =
  | { status: "signedOut" }
  /** Password accepted but the second factor is not enrolled yet: only enrolment is allowed. */
  | { status: "needsSecondFactor"; user: StaffUser }
  | { status: "active"; user: StaffUser; sessionId: string };

/** The caller's staff session, once per request (see resolveStaffSession). */
export const getStaffSession = cache(async (): Promise<StaffSession> => {
  // Read the cookie jar rather than the raw header: after a server action signs someone in, the
  // page re-renders in the same request and only cookies() already holds the new session.
  const requestHeaders = new Headers(await headers());
  requestHeaders.set("cookie", (await cookies()).toString());
  return resolveStaffSession(requestHeaders);
});

/**
 * The staff session that these request headers carry, checked afresh: a disabled account, an
 * expired absolute lifetime or a missing second factor never counts as signed in.
 */
export async function resolveStaffSession(requestHeaders: Headers): Promise<StaffSession> {
  const found = await auth().api.getSession({ headers: requestHeaders });
  if (!found) return { status: "signedOut" };
  const user = await db.user.findUnique({
    where: { id: found.user.id },
    select: { ...staffUserSelect, disabled: true, twoFactorEnabled: true },
  });
  const age = (Date.now() - new Date(found.session.createdAt).getTime()) / 1000;
  if (!user || user.disabled || age > sessionAbsoluteSeconds) {
    await db.session.deleteMany({ where: { id: found.session.id } });
    return { status: "signedOut" };
  }
  const { disabled: _disabled, twoFactorEnabled, ...staff } = user;
  if (!twoFactorEnabled) return { status: "needsSecondFactor", user: staff };
  return { status: "active", user: staff, sessionId: found.session.id };
}

/** The signed-in staff member if they hold `permission`, else null. Pages and actions both use it. */
export async function authorize(permission: Permission): Promise<StaffUser | null> {
  const session = await getStaffSession();
  if (session.status !== "active") return null;
  return can(session.user.role, permission) ? session.user : null;
}
