// Small-count suppression for published statistics. Pure: the page, the CSV and the tests use it.
//
// The rule (also written on the statistics page, in the staff member's language):
//   1. Primary: a cell whose count is under the threshold (default 5; 0 included) is shown as
//      "< threshold", never as its number.
//   2. Total: a group's total is shown only when it is at least the threshold; a total under it
//      is suppressed like a cell (and then every cell of the group is under it too).
//   3. Secondary: when the total is shown and exactly one cell of the group is suppressed, the
//      total minus the other cells would give it away, so the smallest other cell is suppressed
//      too (ties: the first in the table's order). Two hidden cells reveal only their sum, which
//      is at least the second cell's count, so neither can be told from it.
// Groups whose cells do not add up to a shown total (a report may have several forms of
// exploitation) are suppressed by rule 1 only: no sum gives a cell away.
//
// Known limit, stated on the page too: two periods that differ by one month can still be
// subtracted from each other; months, not days, are the smallest period for that reason.

type Suppression = "primary" | "secondary";

type ShownCell<K extends string = string> = {
  key: K;
  /** The count as published: null when suppressed. */
  value: number | null;
  suppressed: Suppression | null;
};

export type ShownGroup<K extends string = string> = {
  cells: ShownCell<K>[];
  /** The group's total as published; null when suppressed or when the group has no total. */
  total: number | null;
  totalSuppressed: boolean;
  /** Whether the cells add up to the total (single-valued answers); false: no total row. */
  additive: boolean;
};

export function suppressGroup<K extends string>(
  counts: ReadonlyArray<{ key: K; count: number }>,
  threshold: number,
  { additive }: { additive: boolean },
): ShownGroup<K> {
  const cells: ShownCell<K>[] = counts.map(({ key, count }) =>
    count < threshold
      ? { key, value: null, suppressed: "primary" }
      : { key, value: count, suppressed: null },
  );
  if (!additive) return { cells, total: null, totalSuppressed: false, additive };

  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const totalSuppressed = total < threshold;
  if (!totalSuppressed && cells.filter((c) => c.suppressed).length === 1) {
    let smallest = -1;
    cells.forEach((cell, i) => {
      if (cell.suppressed) return;
      if (smallest === -1 || counts[i]!.count < counts[smallest]!.count) smallest = i;
    });
    if (smallest !== -1)
      cells[smallest] = { key: cells[smallest]!.key, value: null, suppressed: "secondary" };
  }
  return { cells, total: totalSuppressed ? null : total, totalSuppressed, additive };
}

export type ShownDuration = {
  /** How many items the figures are over, as published (null: under the threshold). */
  count: number | null;
  /** Hours; null when suppressed or when there is nothing to measure. */
  medianHours: number | null;
  p90Hours: number | null;
};

/**
 * A median or a 90th percentile over a handful of reports is close to one report's own timing,
 * so durations over fewer items than the threshold are not published at all.
 */
export function suppressDuration(
  raw: { count: number; medianHours: number | null; p90Hours: number | null },
  threshold: number,
): ShownDuration {
  if (raw.count < threshold) return { count: null, medianHours: null, p90Hours: null };
  return raw;
}
