// The period a statistics page covers: whole calendar months, in Slovenia's time zone (the
// annual report counts by the calendar the police work in). Pure, so the page, the CSV route and
// the tests read the query string the same way.

export type Month = { year: number; month: number }; // month 1–12
export type Period = { from: Month; to: Month };

const monthPattern = /^(\d{4})-(\d{2})$/;
/** The longest period one page computes: ten years of months. */
const maxMonths = 120;

function parseMonth(value: string | undefined): Month | undefined {
  const match = value ? monthPattern.exec(value) : null;
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < 2000 || year > 2999 || month < 1 || month > 12) return undefined;
  return { year, month };
}

export const formatMonth = ({ year, month }: Month) => `${year}-${String(month).padStart(2, "0")}`;

const index = ({ year, month }: Month) => year * 12 + (month - 1);
const fromIndex = (i: number): Month => ({ year: Math.floor(i / 12), month: (i % 12) + 1 });

/** Every month from `from` to `to`, both included. */
export function monthsOf({ from, to }: Period): Month[] {
  return Array.from({ length: index(to) - index(from) + 1 }, (_, i) => fromIndex(index(from) + i));
}

/** The month `now` falls in, in Slovenia. */
export function currentMonth(now: Date): Month {
  const [year, month] = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Ljubljana",
    year: "numeric",
    month: "2-digit",
  })
    .format(now)
    .split("-")
    .map(Number);
  return { year: year!, month: month! };
}

/**
 * The period asked for in the query string. Missing or unreadable ends fall back to January of
 * the current year and the current month (the annual report so far); ends given the wrong way
 * round are swapped; a period longer than `maxMonths` keeps its end and starts `maxMonths` before.
 */
export function readPeriod(
  query: { from?: string; to?: string },
  now: Date,
): Period & { adjusted: boolean } {
  const current = currentMonth(now);
  let from = parseMonth(query.from) ?? { year: current.year, month: 1 };
  let to = parseMonth(query.to) ?? current;
  let adjusted =
    (query.from !== undefined && query.from !== "" && !parseMonth(query.from)) ||
    (query.to !== undefined && query.to !== "" && !parseMonth(query.to));
  if (index(from) > index(to)) {
    [from, to] = [to, from];
    adjusted = true;
  }
  if (index(to) - index(from) + 1 > maxMonths) {
    from = fromIndex(index(to) - maxMonths + 1);
    adjusted = true;
  }
  return { from, to, adjusted };
}
