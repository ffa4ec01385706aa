// Reading a page's query string (filters, cursors) the same way everywhere: one value per name,
// bounded in length, dates only as YYYY-MM-DD.

export type SearchParams = Record<string, string | string[] | undefined>;

export function firstValue(value: string | string[] | undefined, maxLength = 200): string | undefined {
  return (Array.isArray(value) ? value[0] : value)?.slice(0, maxLength) || undefined;
}

/** A YYYY-MM-DD value as the start (or, with `endOfDay`, the end) of that day in UTC. */
export function searchDate(value: string | undefined, endOfDay = false): Date | undefined {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T${endOfDay ? "23:59:59.999" : "00:00:00"}Z`) : undefined;
}

/** The query string again without `name` (a page cursor), for "first page" and "next page" links. */
export function searchWithout(search: SearchParams, name: string): URLSearchParams {
  return new URLSearchParams(
    Object.entries(search).flatMap(([key, value]) => (key !== name && firstValue(value) ? [[key, firstValue(value)!]] : [])),
  );
}
