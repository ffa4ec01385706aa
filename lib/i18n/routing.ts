import { hasLocale } from "next-intl";
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

/** A stored or requested language, or the default one when it is not (or no longer) offered. */
export function supportedLocale(value: string | undefined): Locale {
  return hasLocale(locales, value) ? value : routing.defaultLocale;
}
