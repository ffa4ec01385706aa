import { getTranslations, setRequestLocale } from "next-intl/server";
import { EmergencyNumbers } from "@/components/help/emergency-numbers";
import { telHref } from "@/components/help/phone-numbers";
import { ReflectionPeriod } from "@/components/help/reflection-period";
import { LocaleLink } from "@/components/ui/locale-link";
import type { Locale } from "@/lib/i18n/routing";
import {
  listPublicOrganizations,
  organizationName,
  type PublicOrganization,
} from "@/lib/organizations/list-organizations";
import { PageHeader } from "@/components/layout/page-header";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "HelpPage" }))("title") };
}

export default async function HelpPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("HelpPage");
  const organizations = await listPublicOrganizations();
  const police = organizations.filter((org) => org.kind === "POLICE");
  const ngos = organizations.filter((org) => org.kind === "NGO");

  return (
    <div className="space-y-8">
      <PageHeader title={t("title")} intro={t("intro")} />

      <EmergencyNumbers />

      <section aria-labelledby="police-title" className="space-y-3">
        <h2 id="police-title" className="text-xl font-bold">
          {t("policeTitle")}
        </h2>
        <p>{t("policeText")}</p>
        {police.map((org) => (
          <OrganizationCard key={org.slug} org={org} locale={locale} />
        ))}
      </section>

      <section aria-labelledby="ngo-title" className="space-y-3">
        <h2 id="ngo-title" className="text-xl font-bold">
          {t("ngoTitle")}
        </h2>
        <p>{t("ngoText")}</p>
        {ngos.map((org) => (
          <OrganizationCard key={org.slug} org={org} locale={locale} />
        ))}
      </section>

      <ReflectionPeriod title={t("reflectionTitle")} text={t("reflectionText")} />

      <section aria-labelledby="report-here-title" className="space-y-2">
        <h2 id="report-here-title" className="text-xl font-bold">
          {t("reportHereTitle")}
        </h2>
        <p>{t("reportHereText")}</p>
        <LocaleLink href="/report">{t("reportHereLink")}</LocaleLink>
      </section>
    </div>
  );
}

async function OrganizationCard({ org, locale }: { org: PublicOrganization; locale: Locale }) {
  const t = await getTranslations("HelpPage");
  const hasTollFree = org.phones.some((phone) => phone.kind === "tollFree");
  return (
    <article
      aria-labelledby={`org-${org.slug}`}
      className="rounded-lg border border-slate-300 bg-white p-4"
    >
      <h3 id={`org-${org.slug}`} className="text-lg font-bold">
        {organizationName(org, locale)}
      </h3>
      <dl className="mt-2 grid gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
        {org.phones.map((phone) => (
          <div key={phone.number} className="contents">
            <dt className="font-semibold">{t(`phoneKinds.${phone.kind}`)}</dt>
            <dd>
              <a
                href={telHref(phone.number)}
                className="inline-flex min-h-11 items-center font-bold"
              >
                {phone.number}
              </a>
              {phone.hours && (
                <span className="block text-sm text-slate-700">
                  {t("hoursLabel")}: {phone.hours[locale]}
                </span>
              )}
            </dd>
          </div>
        ))}
        {org.email && (
          <div className="contents">
            <dt className="font-semibold">{t("emailLabel")}</dt>
            <dd>
              <a
                href={`mailto:${org.email}`}
                className="inline-flex min-h-11 items-center break-all"
              >
                {org.email}
              </a>
            </dd>
          </div>
        )}
        {org.website && (
          <div className="contents">
            <dt className="font-semibold">{t("websiteLabel")}</dt>
            <dd>
              <a
                href={org.website}
                rel="noreferrer noopener"
                className="inline-flex min-h-11 items-center break-all"
              >
                {org.website.replace(/^https?:\/\//, "")}
              </a>
            </dd>
          </div>
        )}
      </dl>
      {org.onlineFormUrl && (
        <p className="mt-2">
          <a
            href={org.onlineFormUrl}
            rel="noreferrer noopener"
            className="inline-flex min-h-11 items-center font-semibold"
          >
            {t("onlineFormLabel")}
          </a>
        </p>
      )}
      {hasTollFree && <p className="mt-2 text-sm text-slate-700">{t("anonymousCallNote")}</p>}
    </article>
  );
}
