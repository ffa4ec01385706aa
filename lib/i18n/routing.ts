import { defineRouting } from "next-intl/routing";

export const locales = ["sl", "en", "uk"] as const;
export type Locale = (typeof locales)[number];

export const routing = defineRouting({
  locales,
  defaultLocale: "sl",
  // Every public URL names its language, so a link passed on by word of mouth opens in that language.
  localePrefix: "always",
  localeCookie: {
    // The only cookie a reporter ever gets; it remembers the language for this browser session only.
    name: "NEXT_LOCALE",
    sameSite: "strict",
    maxAge: undefined,
  },
});

/**
 * A path in one language for links that leave the app (e-mail), built where next-intl's
 * navigation cannot load: commands such as `admin:create` run outside Next.js. The rule is the
 * one above (localePrefix "always"); tests/unit/navigation.test.ts holds it to getPathname.
 */
export function mailPath(href: `/${string}`, locale: Locale): string {
  return href === "/" ? `/${locale}` : `/${locale}${href}`;
}

/** A stored or requested language, or the default one when it is not (or no longer) offered. */
export function supportedLocale(value: string | undefined): Locale {
  return locales.find((locale) => locale === value) ?? routing.defaultLocale;
}
