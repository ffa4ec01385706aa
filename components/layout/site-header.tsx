import { getTranslations } from "next-intl/server";
import { LocaleLink } from "@/components/ui/locale-link";
import { LanguageSwitcher } from "./language-switcher";
import { QuickExit } from "./quick-exit";
import { SiteNav } from "./site-nav";

/**
 * Only the name and the quick exit stay on screen while scrolling (.site-header); the languages
 * and the menu scroll away with the page. On a phone all of it is kept to a few short rows, so
 * the first question of the form is on the first screen.
 */
export async function SiteHeader() {
  const t = await getTranslations("Layout");
  return (
    <>
      <header className="site-header border-b border-slate-300 bg-white">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-x-3 gap-y-1 px-4 py-1.5 sm:py-3">
          <LocaleLink href="/" className="min-w-0 no-underline">
            <span className="block text-lg font-bold text-teal-900 sm:text-xl">
              {t("siteName")}
            </span>
            <span className="hidden text-sm text-slate-700 sm:block">{t("tagline")}</span>
          </LocaleLink>
          <QuickExit />
        </div>
      </header>
      <div className="border-b border-slate-300 bg-white">
        <div className="mx-auto max-w-3xl px-4 pt-1 sm:flex sm:flex-row-reverse sm:items-start sm:justify-between sm:gap-4 sm:pt-2">
          <LanguageSwitcher />
          <SiteNav />
        </div>
      </div>
    </>
  );
}
