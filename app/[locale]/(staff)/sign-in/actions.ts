"use server";

import { redirect } from "@/lib/i18n/navigation";
import { getLocale } from "next-intl/server";
import { credentialAction, type CredentialFormState } from "@/lib/actions/credential-action";
import { refuse } from "@/lib/actions/posted-fields";
import { parseReturnPath } from "@/lib/auth/return-path";
import { signInWithPassword, verifySecondFactor } from "@/lib/auth/sign-in";
import { requestVaultCookie } from "@/lib/keys/vault-cookie";
import { secondFactorSchema, signInSchema } from "@/lib/validation/staff";

export type SignInState = CredentialFormState<typeof signInSchema>;
export type SecondFactorState = CredentialFormState<typeof secondFactorSchema>;

// Open to callers without a session: the credentials are checked, counted and locked in
// lib/auth/sign-in.ts, which answers one refusal whatever was wrong. Only the e-mail comes back.
export const signInAction = credentialAction({
  name: "signIn",
  guard: "anyone",
  schema: signInSchema,
  echo: ["email"],
  handler: async (input, { headers }) => {
    const outcome = await signInWithPassword(
      input.email,
      input.password,
      headers,
      input.code,
      await requestVaultCookie(),
    );
    const locale = await getLocale();
    const next = input.next;
    if (outcome === "signedIn") redirect(parseReturnPath(next) ?? { href: "/dashboard", locale });
    // An empty query would leave a bare "?" on the address without JavaScript.
    if (outcome === "secondFactor")
      redirect({
        href: next ? { pathname: "/sign-in/verify", query: { next } } : "/sign-in/verify",
        locale,
      });
    if (outcome === "enrol") redirect({ href: "/enrol", locale });
    return refuse("forbidden");
  },
});

// Needs the short-lived cookie that a correct password set; better-auth checks it.
export const verifySecondFactorAction = credentialAction({
  name: "verifySecondFactor",
  guard: "anyone",
  schema: secondFactorSchema,
  handler: async (input, { headers }) => {
    const vault = await requestVaultCookie();
    if (!(await verifySecondFactor(input.code, input.kind, headers, vault)))
      return refuse("forbidden");
    redirect(parseReturnPath(input.next) ?? { href: "/dashboard", locale: await getLocale() });
  },
});
