import { setRequestLocale } from "next-intl/server";
import type { QueryPageProps } from "@/lib/http/search-params";

/** What Next.js hands a dashboard list page (reports, referrals, audit): filters in the query. */
export type ListPageProps = QueryPageProps;

/** The page's language (set for this request's texts) and its query, read once. */
export async function openListPage({ params, searchParams }: ListPageProps) {
  const { locale } = await params;
  setRequestLocale(locale);
  return { locale, search: await searchParams };
}
