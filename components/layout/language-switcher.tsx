import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { getPathname } from "@/lib/i18n/navigation";
import { locales } from "@/lib/i18n/routing";

/**
 * The same page in the other languages: plain links, rendered on the server from the path
 * proxy.ts passes on (x-pathname). The query string is left behind on purpose: it may hold a
 * filter or a one-time notice, never something worth carrying over.
 */
export async function LanguageSwitcher() {
  const t = await getTranslations("LanguageSwitcher");
  const current = await getLocale();
  const path = (await headers()).get("x-pathname") ?? `/${current}`;
  const rest = path.replace(/^\/[a-z]{2}(?=\/|$)/, "");
  return (
    <nav aria-label={t("label")}>
      <ul className="flex flex-wrap gap-1">
        {locales.map((locale) => (
          <li key={locale}>
            <a
              href={getPathname({ href: rest || "/", locale })}
              lang={locale}
              hrefLang={locale}
              aria-current={locale === current ? "true" : undefined}
              className={`inline-flex min-h-9 items-center rounded-md px-2 py-1 text-sm sm:min-h-11 sm:px-3 sm:py-2 ${
                locale === current
                  ? "bg-teal-800 font-semibold text-white no-underline"
                  : "text-teal-900"
              }`}
            >
              {t(locale)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
