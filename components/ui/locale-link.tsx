import { getLocale } from "next-intl/server";
import type { AnchorHTMLAttributes } from "react";
import { getPathname } from "@/lib/i18n/navigation";

/**
 * A plain link within the current language, rendered on the server. Reporter pages use it rather
 * than next-intl's client Link: a full page load costs nothing here (every page is rendered per
 * request anyway), and pages without a form then ship no i18n or router code to the browser.
 */
export async function LocaleLink({
  href,
  ...props
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const locale = await getLocale();
  return <a href={getPathname({ href, locale })} {...props} />;
}
