import { getTranslations } from "next-intl/server";

/** Where "leave this site" goes: a neutral page, configurable per deployment. */
export function quickExitUrl(): string {
  return process.env.QUICK_EXIT_URL || "https://www.bbc.com/weather";
}

// A plain link, so it works without JavaScript; rel=noreferrer keeps this site out of the
// destination's referrer.
export async function QuickExit() {
  const t = await getTranslations("Layout");
  return (
    <a
      href={quickExitUrl()}
      rel="noreferrer noopener"
      title={t("quickExitHint")}
      className="inline-flex min-h-11 items-center rounded-md bg-red-800 px-4 py-2 font-semibold text-white no-underline hover:bg-red-900"
    >
      {t("quickExit")}
    </a>
  );
}
