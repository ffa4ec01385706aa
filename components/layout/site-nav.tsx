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
      <ul className="flex flex-wrap gap-x-4 sm:gap-y-0">
        {links.map(([href, key]) => (
          <li key={key}>
            <LocaleLink href={href} className="inline-flex min-h-9 items-center text-sm font-semibold sm:min-h-11">
              {t(key)}
            </LocaleLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
