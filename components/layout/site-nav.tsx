import { getTranslations } from "next-intl/server";
import { LocaleLink } from "@/components/ui/locale-link";

const links = [
  ["/report", "report"],
  ["/follow-up", "followUp"],
  ["/help", "help"],
  ["/safety", "safety"],
  ["/no-traces", "noTraces"],
] as const;

export async function SiteNav() {
  const t = await getTranslations("Layout.nav");
  return (
    <nav aria-label={t("label")} className="pb-1 sm:pb-2">
      {/* One row on a phone, scrolled sideways if it must be, so the page's own content starts on the first screen. */}
      <ul className="flex gap-x-4 overflow-x-auto whitespace-nowrap [scrollbar-width:thin] sm:flex-wrap sm:overflow-visible sm:whitespace-normal">
        {links.map(([href, key]) => (
          <li key={key}>
            <LocaleLink
              href={href}
              className="inline-flex min-h-9 items-center text-sm font-semibold sm:min-h-11"
            >
              {t(key)}
            </LocaleLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
