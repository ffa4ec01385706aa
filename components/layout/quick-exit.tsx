import { getLocale, getTranslations } from "next-intl/server";
import { quickExitUrl } from "@/lib/http/quick-exit-url";
import { getPathname } from "@/lib/i18n/navigation";
import { QuickExitLink } from "./quick-exit-link";

export async function QuickExit() {
  const t = await getTranslations("Layout");
  return (
    <QuickExitLink
      exitPath={getPathname({ href: "/exit", locale: await getLocale() })}
      neutralUrl={quickExitUrl()}
      label={t("quickExit")}
      hint={t("quickExitHint")}
    />
  );
}
