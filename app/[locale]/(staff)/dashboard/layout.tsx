import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { SignInNoticeBox } from "@/components/staff/sign-in-notice";
import { returnPathValue } from "@/lib/auth/return-path";
import { getStaffSession } from "@/lib/auth/session";
import { takeSignInNotice } from "@/lib/auth/sign-in-guard";
import { redirect } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";

export const metadata: Metadata = { robots: { index: false, follow: false } };

// Comfort only: sends people to sign in or enrol. Each page and action checks its own permission.
// The header and navigation are the staff frame's ((staff)/layout.tsx).
export default async function DashboardLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  // A layout's params are typed as plain strings; app/[locale]/layout.tsx has refused any other.
  const locale = (await params).locale as Locale;
  const session = await getStaffSession();
  if (session.status === "signedOut") {
    // A notice link followed while signed out: sign-in continues to the page it announced.
    const request = await headers();
    const next = returnPathValue(
      `${request.get("x-pathname") ?? ""}${request.get("x-search") ?? ""}`,
    );
    // No empty query: it would leave a bare "?" on the address.
    redirect({
      href:
        next && next !== `/${locale}/dashboard`
          ? { pathname: "/sign-in", query: { next } }
          : "/sign-in",
      locale,
    });
  }
  if (session.status === "needsSecondFactor") redirect({ href: "/enrol", locale });
  const notice = await takeSignInNotice(session.user.id);
  return (
    <div className="space-y-6">
      {notice && <SignInNoticeBox notice={notice} />}
      {children}
    </div>
  );
}
