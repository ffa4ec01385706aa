"use server";

import { headers } from "next/headers";
import { redirect } from "@/lib/i18n/navigation";
import { getLocale } from "next-intl/server";
import { signInWithPassword, verifySecondFactor } from "@/lib/auth/sign-in";
import { secondFactorSchema, signInSchema } from "@/lib/validation/staff";
import type { FormState } from "@/components/staff/form-state";

// Sign-in is the one staff action open to callers without a session; it checks credentials itself.
// React decodes an action's arguments from whatever was posted: anything but a form is refused
// before it is read (it would throw, and Next.js would answer 500).
export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return { error: "rejected" };
  const parsed = signInSchema.safeParse({
    email: formData.get("email"),
    password: formData.get("password"),
    code: formData.get("code") ?? undefined,
  });
  if (!parsed.success)
    return { error: "rejected", values: { email: String(formData.get("email") ?? "") } };
  const outcome = await signInWithPassword(
    parsed.data.email,
    parsed.data.password,
    await headers(),
    parsed.data.code,
  );
  const locale = await getLocale();
  if (outcome === "signedIn") redirect({ href: "/dashboard", locale });
  if (outcome === "secondFactor") redirect({ href: "/sign-in/verify", locale });
  if (outcome === "enrol") redirect({ href: "/enrol", locale });
  return { error: "rejected", values: { email: parsed.data.email } };
}

// Needs the short-lived cookie that a correct password set; better-auth checks it.
export async function verifySecondFactorAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  if (!(formData instanceof FormData)) return { error: "verifyFailed" };
  const parsed = secondFactorSchema.safeParse({
    code: formData.get("code"),
    kind: formData.get("kind") ?? undefined,
  });
  if (!parsed.success) return { error: "verifyFailed" };
  if (!(await verifySecondFactor(parsed.data.code, parsed.data.kind, await headers())))
    return { error: "verifyFailed" };
  redirect({ href: "/dashboard", locale: await getLocale() });
}
