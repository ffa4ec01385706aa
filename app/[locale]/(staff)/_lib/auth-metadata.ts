import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/routing";

type AuthTitle = "signInTitle" | "verifyTitle" | "enrolTitle" | "inviteTitle";

/** The sign-in, second-factor, enrolment and invitation pages: a title, and kept out of search. */
export function authPageMetadata(title: AuthTitle) {
  return async function generateMetadata({
    params,
  }: {
    params: Promise<{ locale: Locale }>;
  }): Promise<Metadata> {
    const { locale } = await params;
    const t = await getTranslations({ locale, namespace: "StaffAuth" });
    return { title: t(title), robots: { index: false, follow: false } };
  };
}
