import type { Locale } from "@/lib/i18n/routing";

// Reading a page's query string (filters, cursors) the same way everywhere: one value per name,
// bounded in length, dates only as YYYY-MM-DD.

export type SearchParams = Record<string, string | string[] | undefined>;

/** What Next.js hands a localized page that reads its query string. */
export type QueryPageProps = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<SearchParams>;
};

/**
 * The first value of a query parameter, bounded in length. A value with a control character is
 * dropped: filters are one line of text, and PostgreSQL refuses a NUL in any text it is given.
 */
export function firstValue(
  value: string | string[] | undefined,
  maxLength = 200,
): string | undefined {
  const first = (Array.isArray(value) ? value[0] : value)?.slice(0, maxLength);
  return first && !/[\u0000-\u001f\u007f]/.test(first) ? first : undefined;
}

/**
 * A YYYY-MM-DD value as the start (or, with `endOfDay`, the end) of that day in UTC; a day that
 * does not exist (2026-02-30) or a year outside 1900–9999 is no filter at all.
 */
export function searchDate(value: string | undefined, endOfDay = false): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number(value.slice(0, 4)) < 1900)
    return undefined;
  const date = new Date(`${value}T${endOfDay ? "23:59:59.999" : "00:00:00.000"}Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? date : undefined;
}

/** A keyset cursor over a bigint column: digits only, and within PostgreSQL's bigint. */
export function searchBigInt(value: string | undefined): bigint | undefined {
  return value && /^\d{1,19}$/.test(value) && BigInt(value) <= 9_223_372_036_854_775_807n
    ? BigInt(value)
    : undefined;
}

/** The query string again without `name` (a page cursor), for "first page" and "next page" links. */
export function searchWithout(search: SearchParams, name: string): URLSearchParams {
  return new URLSearchParams(
    Object.entries(search).flatMap(([key, value]) =>
      key !== name && firstValue(value) ? [[key, firstValue(value)!]] : [],
    ),
  );
}
