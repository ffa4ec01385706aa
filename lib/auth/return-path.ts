import { locales, type Locale } from "@/lib/i18n/routing";

// Where sign-in continues to: the dashboard page a notice link announced, followed while signed
// out. The path travels through the sign-in URL and a hidden field, so it is attacker-supplied.
// Only a same-site path under /{locale}/dashboard passes, spelled plainly: no scheme, no host,
// no "//" or "\" (which browsers read as another host), no dot segments and no percent-encoding
// (an encoded "/" or "\" could become one after a decode elsewhere). Anything else is no path at
// all, and sign-in continues to the dashboard's home.

const maxLength = 300;
const plainPath = /^\/([a-z]{2})\/dashboard((?:\/[A-Za-z0-9_-]+)*)\/?(\?[A-Za-z0-9_=&-]*)?$/;

export type ReturnPath = { locale: Locale; href: `/dashboard${string}` };

export function parseReturnPath(value: unknown): ReturnPath | null {
  if (typeof value !== "string" || value.length > maxLength) return null;
  const match = plainPath.exec(value);
  if (!match) return null;
  const locale = locales.find((known) => known === match[1]);
  if (!locale) return null;
  return { locale, href: `/dashboard${match[2] ?? ""}${match[3] ?? ""}` };
}

/** The same path as a string for a query parameter or hidden field, or undefined. */
export function returnPathValue(value: unknown): string | undefined {
  const path = parseReturnPath(value);
  return path ? `/${path.locale}${path.href}` : undefined;
}
