import "./globals.css";
import { getTranslations } from "next-intl/server";
import { anonymousPoliceLine, emergencyNumber } from "@/components/help/phone-numbers";
import { telLink } from "@/components/help/tel-link";
import { getPathname } from "@/lib/i18n/navigation";
import { pageTitle } from "@/lib/i18n/page-title";
import { locales, routing } from "@/lib/i18n/routing";

// A path outside any language (proxy.ts sends every other one to a language first, so this is
// mostly a file name that does not exist). The language is unknown, so the page speaks all three.
export default async function RootNotFound() {
  const texts = await Promise.all(
    locales.map(async (locale) => ({
      locale,
      errors: await getTranslations({ locale, namespace: "Errors" }),
      emergency: await getTranslations({ locale, namespace: "Emergency" }),
      layout: await getTranslations({ locale, namespace: "Layout" }),
    })),
  );
  const first = texts[0]!;
  return (
    <html lang={routing.defaultLocale}>
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>{pageTitle(first.errors("notFoundTitle"))}</title>
      </head>
      <body className="font-sans">
        <header className="site-header border-b border-slate-300 bg-white">
          <div className="mx-auto flex max-w-3xl justify-end px-4 py-1.5">
            <a
              href={getPathname({ href: "/exit", locale: routing.defaultLocale })}
              rel="noreferrer noopener"
              className="quick-exit"
              data-quick-exit
            >
              {texts.map(({ locale, layout }, index) => (
                <span key={locale} lang={locale}>
                  {index > 0 && " · "}
                  {layout("quickExit")}
                </span>
              ))}
            </a>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-3xl space-y-8 px-4 py-6">
          {texts.map(({ locale, errors, emergency }, index) => (
            <section key={locale} lang={locale} className="space-y-2">
              {index === 0 ? (
                <h1 className="text-2xl font-bold">{errors("notFoundTitle")}</h1>
              ) : (
                <h2 className="text-2xl font-bold">{errors("notFoundTitle")}</h2>
              )}
              <p>{errors("notFoundText")}</p>
              <p>
                {emergency.rich("call113", {
                  number: emergencyNumber,
                  tel: telLink(emergencyNumber),
                })}
              </p>
              <p>
                {emergency.rich("anonymousLine", {
                  number: anonymousPoliceLine,
                  tel: telLink(anonymousPoliceLine),
                })}
              </p>
              <p>
                <a href={getPathname({ href: "/", locale })}>{errors("home")}</a>
              </p>
            </section>
          ))}
        </main>
      </body>
    </html>
  );
}
