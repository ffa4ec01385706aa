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
    <nav aria-label={t("label")} className="mx-auto max-w-3xl px-4 pb-2">
      <ul className="flex flex-wrap gap-x-4">
        {links.map(([href, key]) => (
          <li key={key}>
            <LocaleLink href={href} className="inline-flex min-h-11 items-center text-sm font-semibold">
              {t(key)}
            </LocaleLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
