import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { OrganizationForm } from "./_components/organization-form";
import { authorize } from "@/lib/auth/session";
import type { Locale } from "@/lib/i18n/routing";
import { listOrganizations, organizationName } from "@/lib/organizations/list-organizations";
import { phonesToText } from "@/lib/validation/organization";
import type { Phone } from "@/prisma/organizations";

export default async function OrganizationsPage({
  params,
}: {
  params: Promise<{ locale: Locale }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  if (!(await authorize("organizations.manage"))) notFound();
  const t = await getTranslations("Organizations");
  const organizations = await listOrganizations();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>
      {organizations.map((org) => (
        <section
          key={org.id}
          aria-labelledby={`org-${org.slug}`}
          className="space-y-3 rounded-lg border border-slate-300 bg-white p-4"
        >
          <h2 id={`org-${org.slug}`} className="text-xl font-bold">
            {organizationName(org, locale)}
          </h2>
          <OrganizationForm
            organization={{
              id: org.id,
              nameSl: org.nameSl,
              nameEn: org.nameEn,
              nameUk: org.nameUk,
              email: org.email ?? "",
              notificationEmail: org.notificationEmail ?? "",
              website: org.website ?? "",
              onlineFormUrl: org.onlineFormUrl ?? "",
              phones: phonesToText(Array.isArray(org.phones) ? (org.phones as Phone[]) : []),
            }}
          />
        </section>
      ))}
    </div>
  );
}
