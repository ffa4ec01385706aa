import { getTranslations, setRequestLocale } from "next-intl/server";
import { ErrorBox } from "@/components/ui/alert";
// Accepting an invitation is enrolment's first step: the flow belongs to enrol/.
import { EnrolmentFlow } from "../../enrol/_components/enrolment-flow";
import { findInvitation } from "@/lib/auth/invitations";
import { getStaffSession } from "@/lib/auth/session";
import type { Locale } from "@/lib/i18n/routing";
import { authPageMetadata } from "@/app/[locale]/(staff)/_lib/auth-metadata";

export const generateMetadata = authPageMetadata("inviteTitle");

export default async function InvitePage({
  params,
}: {
  params: Promise<{ locale: Locale; token: string }>;
}) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("StaffAuth");
  // Once the password is set the invitation is used up, but the same person, now signed in without
  // a second factor, must still see the enrolment step the page re-renders into.
  const [invitation, session] = await Promise.all([findInvitation(token), getStaffSession()]);
  const email =
    invitation?.user.email ?? (session.status === "needsSecondFactor" ? session.user.email : null);
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold">{t("inviteTitle")}</h1>
      {email ? (
        <>
          <p>{t("inviteIntro")}</p>
          <p className="font-semibold">{email}</p>
          <EnrolmentFlow token={token} />
        </>
      ) : (
        <ErrorBox>{t("inviteInvalid")}</ErrorBox>
      )}
    </div>
  );
}
