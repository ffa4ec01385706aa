import { getTranslations } from "next-intl/server";
import { LocaleLink } from "@/components/ui/locale-link";
import { LanguageSwitcher } from "./language-switcher";
import { QuickExit } from "./quick-exit";
import { SiteNav } from "./site-nav";

export async function SiteHeader() {
  const t = await getTranslations("Layout");
  return (
    <header className="border-b border-slate-300 bg-white">
      <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <LocaleLink href="/" className="no-underline">
          <span className="block text-xl font-bold text-teal-900">{t("siteName")}</span>
          <span className="block text-sm text-slate-700">{t("tagline")}</span>
        </LocaleLink>
        <div className="flex flex-wrap items-center gap-3">
          <LanguageSwitcher />
          <QuickExit />
        </div>
      </div>
      <SiteNav />
    </header>
  );
}
