import { setRequestLocale } from "next-intl/server";
import type { SearchParams } from "@/lib/http/search-params";
import type { Locale } from "@/lib/i18n/routing";

/** What Next.js hands a dashboard list page (reports, referrals, audit): filters in the query. */
export type ListPageProps = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<SearchParams>;
};

/** The page's language (set for this request's texts) and its query, read once. */
export async function openListPage({ params, searchParams }: ListPageProps) {
  const { locale } = await params;
  setRequestLocale(locale);
  return { locale, search: await searchParams };
}
