import "server-only";
import { randomUUID } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { twoFactor } from "better-auth/plugins/two-factor";
import { appUrl, secureCookies } from "@/lib/config";
import { sessionSigningKey } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import { lockoutPolicy } from "./sign-in-guard";
import { totpOnce } from "./totp-once";

// better-auth holds the sessions, password hashes and TOTP secrets of staff. It is used only
// through server actions (lib/auth/*): no HTTP auth endpoint is mounted, so there is no sign-up
// route and nothing to call from outside but our own, audited actions.

const sessionIdleSeconds = 30 * 60;
export const sessionAbsoluteSeconds = 12 * 60 * 60;

function createAuth() {
  return betterAuth({
    appName: "Prijavi",
    baseURL: appUrl(),
    secret: sessionSigningKey().toString("hex"),
    database: prismaAdapter(db, { provider: "postgresql" }),
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 128,
    },
    user: {
      additionalFields: {
        role: { type: "string", required: true, input: false },
        organizationId: { type: "string", required: false, input: false },
        locale: { type: "string", required: false, input: false },
        disabled: { type: "boolean", required: false, defaultValue: false, input: false },
      },
    },
    session: {
      // A sliding idle timeout: each request within `updateAge` of use extends the session.
      expiresIn: sessionIdleSeconds,
      updateAge: 60,
      cookieCache: { enabled: false },
    },
    rateLimit: { enabled: false }, // per-account limits live on the user rows: lib/auth/sign-in.ts
    advanced: {
      cookiePrefix: "prijavi",
      useSecureCookies: secureCookies(),
      defaultCookieAttributes: { httpOnly: true, sameSite: "strict", path: "/" },
      ipAddress: { disableIpTracking: true },
      database: { generateId: () => randomUUID() },
    },
    databaseHooks: {
      session: {
        create: {
          // No IP address or user agent is kept for anyone; a disabled account gets no session.
          // (better-auth merges what a hook returns into the row, so the fields are overwritten,
          // not left out.)
          before: async (session) => {
            const user = await db.user.findUnique({
              where: { id: session.userId },
              select: { disabled: true },
            });
            if (!user || user.disabled) return false;
            return { data: { ...session, ipAddress: null, userAgent: null } };
          },
        },
        update: {
          before: async (session) => ({ data: { ...session, ipAddress: null, userAgent: null } }),
        },
      },
    },
    plugins: [
      twoFactor({
        issuer: "Prijavi",
        backupCodeOptions: { amount: 10, length: 10 },
        // The same counters and limits as the one-step sign-in (lib/auth/sign-in-guard.ts).
        accountLockout: {
          enabled: true,
          maxFailedAttempts: lockoutPolicy.secondFactorLockAfter,
          durationSeconds: lockoutPolicy.secondFactorLockMinutes * 60,
        },
      }),
      totpOnce(),
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
let instance: Auth | undefined;

/** Created on first use, so building the app needs no secrets. */
export function auth(): Auth {
  instance ??= createAuth();
  return instance;
}
