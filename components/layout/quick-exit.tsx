import { getLocale, getTranslations } from "next-intl/server";
import { quickExitUrl } from "@/lib/http/quick-exit-url";
import { QuickExitLink } from "./quick-exit-link";

export async function QuickExit() {
  const t = await getTranslations("Layout");
  return (
    <QuickExitLink
      exitPath={`/${await getLocale()}/exit`}
      neutralUrl={quickExitUrl()}
      label={t("quickExit")}
      hint={t("quickExitHint")}
    />
  );
}
