import "server-only";
import { createHmac } from "node:crypto";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { symmetricDecrypt } from "better-auth/crypto";
import { db } from "@/lib/db";
import { recordSecondFactorFailure } from "./sign-in-guard";

// Every TOTP code is accepted once (RFC 6238 §5.2). better-auth accepts a code for the time steps
// now-1, now and now+1 and keeps no record, so a code seen over a shoulder or through a proxy
// would open a second session within 90 s. Before better-auth verifies a code, this plugin finds
// the step the code belongs to and claims it in one statement: `lastTotpStep` only moves forward,
// so of two requests racing with one code exactly one wins. Backup codes need nothing here:
// better-auth removes a used one with a compare-and-set on the stored list.

const totpPolicy = { periodSeconds: 30, digits: 6, window: 1 };

function hotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac("sha1", key).update(message).digest();
  const offset = digest[digest.length - 1]! & 15;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 10 ** totpPolicy.digits).padStart(
    totpPolicy.digits,
    "0",
  );
}

/**
 * The time step whose code `code` is, within better-auth's window, or null. `secret` is the
 * decrypted secret as better-auth keeps it (its UTF-8 bytes are the HMAC key). Every step in the
 * window is computed, so the time does not depend on which one matches.
 */
export function matchTotpStep(secret: string, code: string, now = Date.now()): number | null {
  const key = Buffer.from(secret, "utf8");
  const current = Math.floor(now / 1000 / totpPolicy.periodSeconds);
  let matched: number | null = null;
  for (let step = current - totpPolicy.window; step <= current + totpPolicy.window; step++) {
    if (hotp(key, step) === code && matched === null) matched = step;
  }
  return matched;
}

/** Claims a time step for a user; false when that step or a later one was already accepted. */
async function claimTotpStep(userId: string, step: number): Promise<boolean> {
  const { count } = await db.user.updateMany({
    where: { id: userId, OR: [{ lastTotpStep: null }, { lastTotpStep: { lt: step } }] },
    data: { lastTotpStep: step },
  });
  return count === 1;
}

const replayed = () =>
  APIError.from("UNAUTHORIZED", { code: "INVALID_CODE", message: "Invalid code" });

export function totpOnce(): BetterAuthPlugin {
  return {
    id: "totp-once",
    hooks: {
      before: [
        {
          matcher: (context) => context.path === "/two-factor/verify-totp",
          handler: createAuthMiddleware(async (ctx) => {
            const code = typeof ctx.body?.code === "string" ? ctx.body.code : "";
            // The same order as better-auth: a session (enrolment) first, else the signed cookie
            // that a correct password set (sign-in).
            const session = await getSessionFromCtx(ctx).catch(() => null);
            let userId = session?.user.id ?? null;
            const signingIn = !userId;
            if (!userId) {
              const cookie = ctx.context.createAuthCookie("two_factor");
              const identifier = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
              if (!identifier) return; // better-auth refuses it
              userId =
                (await ctx.context.internalAdapter.findVerificationValue(identifier))?.value ??
                null;
              if (!userId) return;
            }
            const twoFactor = await db.twoFactor.findFirst({
              where: { userId },
              select: { secret: true },
            });
            if (!twoFactor) return;
            const step = matchTotpStep(
              await symmetricDecrypt({ key: ctx.context.secretConfig, data: twoFactor.secret }),
              code,
            );
            if (step === null) return; // a wrong code: better-auth refuses and counts it
            if (await claimTotpStep(userId, step)) return;
            // Someone who holds the password is replaying a code: that counts against the factor.
            if (signingIn) await recordSecondFactorFailure(userId);
            throw replayed();
          }),
        },
      ],
    },
  };
}
