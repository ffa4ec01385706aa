"use server";

import { headers } from "next/headers";
import { redirect } from "@/lib/i18n/navigation";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { signOut } from "@/lib/auth/sign-in";
import { staffAction } from "@/lib/auth/staff-action";
import { endAllSessions } from "@/lib/auth/staff-accounts";

// Signing out needs no permission: it only ever ends the caller's own session.
export async function signOutAction(): Promise<void> {
  await signOut(await headers());
  redirect({ href: "/sign-in", locale: await getLocale() });
}

export const signOutEverywhereAction = staffAction(
  "account.signOutEverywhere",
  z.object({}),
  async (_input, user) => {
    await endAllSessions(user.id);
    redirect({ href: "/sign-in", locale: await getLocale() });
  },
);
