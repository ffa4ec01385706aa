import type { Metadata } from "next";
import { redirect } from "@/lib/i18n/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SignInNoticeBox } from "@/components/staff/sign-in-notice";
import { StaffNav } from "./_components/staff-nav";
import { getStaffSession } from "@/lib/auth/session";
import { takeSignInNotice } from "@/lib/auth/sign-in-guard";
import type { Locale } from "@/lib/i18n/routing";

export const metadata: Metadata = { robots: { index: false, follow: false } };

// Comfort only: sends people to sign in or enrol. Each page and action checks its own permission.
export default async function DashboardLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const locale = (await params).locale as Locale;
  const session = await getStaffSession();
  if (session.status === "signedOut") redirect({ href: "/sign-in", locale });
  if (session.status === "needsSecondFactor") redirect({ href: "/enrol", locale });
  const t = await getTranslations("Dashboard");
  const notice = await takeSignInNotice(session.user.id);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-300 pb-3">
        <p className="text-sm" data-testid="signed-in-as">
          {t("signedInAs", { name: session.user.name, role: t(`roles.${session.user.role}`) })}
        </p>
        <StaffNav role={session.user.role} />
      </div>
      {notice && <SignInNoticeBox notice={notice} />}
      {children}
    </div>
  );
}
