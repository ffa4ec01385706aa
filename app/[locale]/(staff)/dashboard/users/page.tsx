import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { asFormAction } from "@/components/ui/form-action";
import { InviteStaffForm } from "./_components/invite-staff-form";
import { placementValue, validPlacements } from "@/lib/auth/placements";
import { authorize } from "@/lib/auth/session";
import { triageOrganizationSlug } from "@/lib/followup/threads";
import { lockoutPolicy } from "@/lib/auth/sign-in-guard";
import { listStaff } from "@/lib/auth/staff-accounts";
import type { Locale } from "@/lib/i18n/routing";
import { listOrganizations, organizationName } from "@/lib/organizations/list-organizations";
import {
  disableStaffAction,
  enableStaffAction,
  reissueSetupAction,
  resetSecondFactorAction,
} from "./actions";

export default async function UsersPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const admin = await authorize("users.manage");
  if (!admin) notFound();
  const t = await getTranslations("Dashboard");
  const [staff, organizations] = await Promise.all([listStaff(), listOrganizations()]);

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t("usersTitle")}</h1>

      <section
        aria-labelledby="invite-title"
        className="space-y-3 rounded-lg border border-slate-300 bg-white p-4"
      >
        <h2 id="invite-title" className="text-xl font-bold">
          {t("inviteTitle")}
        </h2>
        <p>{t("inviteIntro")}</p>
        <InviteStaffForm
          placements={validPlacements(organizations.map((org) => org.id)).map((placement) => {
            // Triage officers work for the police (its thread is theirs); no organisation is
            // stored for them, but the form names it so the choice reads as what it is.
            const organization =
              placement.role === "TRIAGE"
                ? organizations.find((org) => org.slug === triageOrganizationSlug)
                : organizations.find((org) => org.id === placement.organizationId);
            return {
              value: placementValue(placement),
              role: placement.role,
              organization: organization ? organizationName(organization, locale) : null,
            };
          })}
        />
      </section>

      <section aria-labelledby="accounts-title" className="space-y-3">
        <h2 id="accounts-title" className="text-xl font-bold">
          {t("accountsTitle")}
        </h2>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="p-2">
                  {t("name")}
                </th>
                <th scope="col" className="p-2">
                  {t("role")}
                </th>
                <th scope="col" className="p-2">
                  {t("organization")}
                </th>
                <th scope="col" className="p-2">
                  {t("status.active")}
                </th>
                <th scope="col" className="p-2">
                  {t("actions")}
                </th>
              </tr>
            </thead>
            <tbody>
              {staff.map((person) => (
                <tr
                  key={person.id}
                  className="border-b border-slate-200 align-top"
                  data-testid={`staff-${person.email}`}
                >
                  <td className="p-2">
                    <span className="block font-semibold">{person.name}</span>
                    <span className="block break-all">{person.email}</span>
                  </td>
                  <td className="p-2">{t(`roles.${person.role}`)}</td>
                  <td className="p-2">
                    {person.organization ? organizationName(person.organization, locale) : "—"}
                  </td>
                  <td className="p-2">
                    {person.disabled
                      ? t("status.disabled")
                      : !person.twoFactorEnabled
                        ? t("status.notEnrolled")
                        : person.failedSignIns >= lockoutPolicy.lockAfter
                          ? t("status.locked")
                          : t("status.active")}
                  </td>
                  <td className="p-2">
                    {person.id === admin.id ? (
                      <span>({t("you")})</span>
                    ) : (
                      <div className="flex flex-wrap gap-2">
                        <form
                          action={asFormAction(
                            person.disabled ? enableStaffAction : disableStaffAction,
                          )}
                        >
                          <input type="hidden" name="userId" value={person.id} />
                          <button type="submit" className="min-h-11 underline">
                            {person.disabled ? t("enable") : t("disable")}
                          </button>
                        </form>
                        <form action={asFormAction(resetSecondFactorAction)}>
                          <input type="hidden" name="userId" value={person.id} />
                          <button type="submit" className="min-h-11 underline">
                            {t("resetSecondFactor")}
                          </button>
                        </form>
                        {!person.disabled && (
                          <form action={asFormAction(reissueSetupAction)}>
                            <input type="hidden" name="userId" value={person.id} />
                            <button
                              type="submit"
                              className="min-h-11 underline"
                              title={t("reissueSetupHint")}
                            >
                              {t("reissueSetup")}
                            </button>
                          </form>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
