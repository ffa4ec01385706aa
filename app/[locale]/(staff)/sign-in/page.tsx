import { redirect } from "@/lib/i18n/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SignInForm } from "./_components/sign-in-form";
import { parseReturnPath, returnPathValue } from "@/lib/auth/return-path";
import { getStaffSession } from "@/lib/auth/session";
import { firstValue, type QueryPageProps } from "@/lib/http/search-params";
import { authPageMetadata } from "@/app/[locale]/(staff)/_lib/auth-metadata";

export const generateMetadata = authPageMetadata("signInTitle");

export default async function SignInPage({ params, searchParams }: QueryPageProps) {
  const { locale } = await params;
  setRequestLocale(locale);
  // The page a notice link announced (dashboard/layout.tsx), if it is one of ours.
  const next = returnPathValue(firstValue((await searchParams).next, 400));
  if ((await getStaffSession()).status === "active")
    redirect(parseReturnPath(next) ?? { href: "/dashboard", locale });
  const t = await getTranslations("StaffAuth");
  return (
    <div className="max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t("signInTitle")}</h1>
      <p>{t("signInIntro")}</p>
      <SignInForm next={next} />
    </div>
  );
}
