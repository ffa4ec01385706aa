"use server";

import { redirect } from "@/lib/i18n/navigation";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { credentialAction } from "@/lib/actions/credential-action";
import { staffAction } from "@/lib/actions/staff-action";
import { signOut } from "@/lib/auth/sign-in";
import { endAllSessions } from "@/lib/auth/staff-accounts";
import { requestVaultCookie } from "@/lib/keys/vault-cookie";

// Open to anyone: it only ever ends the session the caller's own cookie names (none: nothing).
export const signOutAction = credentialAction({
  name: "signOut",
  guard: "anyone",
  schema: z.object({}),
  handler: async (_input, { headers }) => {
    await signOut(headers);
    // The vault went with the session row; the cookie that opened it goes too.
    (await requestVaultCookie()).clear();
    redirect({ href: "/sign-in", locale: await getLocale() });
  },
});

export const signOutEverywhereAction = staffAction(
  "account.signOutEverywhere",
  z.object({}),
  async (_input, user) => {
    await endAllSessions(user.id);
    (await requestVaultCookie()).clear();
    redirect({ href: "/sign-in", locale: await getLocale() });
  },
);
