import { getTranslations } from "next-intl/server";
import { quickExitUrl } from "@/lib/http/quick-exit-url";
import { QuickExitLink } from "./quick-exit-link";

export async function QuickExit() {
  const t = await getTranslations("Layout");
  return <QuickExitLink href={quickExitUrl()} label={t("quickExit")} hint={t("quickExitHint")} />;
}
