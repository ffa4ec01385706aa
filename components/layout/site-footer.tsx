import { getTranslations } from "next-intl/server";

export async function SiteFooter() {
  const t = await getTranslations("Layout");
  return (
    <footer className="border-t border-slate-300 bg-white">
      <p className="mx-auto max-w-3xl px-4 py-4 text-sm text-slate-700">{t("footer")}</p>
    </footer>
  );
}
