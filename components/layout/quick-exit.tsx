import { getTranslations } from "next-intl/server";
import { QuickExitLink } from "./quick-exit-link";

/** Where "leave this site" goes: a neutral page, configurable per deployment. */
export function quickExitUrl(): string {
  return process.env.QUICK_EXIT_URL || "https://www.bbc.com/weather";
}

export async function QuickExit() {
  const t = await getTranslations("Layout");
  return <QuickExitLink href={quickExitUrl()} label={t("quickExit")} hint={t("quickExitHint")} />;
}
