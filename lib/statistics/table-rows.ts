import type { StatisticsPage } from "./load-statistics";
import type { DurationId, TableId } from "./statistics-view";

// The rows of each published table, as text, for the page and for its CSV alike: the CSV holds
// exactly what the page shows, suppressed cells as "< n". Labels and number formats come from the
// caller (the reader's language); this file decides only what is in which row.

export type Labels = {
  /** The label of one row of a table (an answer, a month, an organisation). */
  row: (table: TableId, key: string) => string;
  total: string;
  /** How a suppressed count reads: "< 5". */
  suppressed: string;
  number: (value: number) => string;
  hours: (value: number) => string;
};

export type TableRow = {
  key: string;
  label: string;
  /** The count as shown; null when suppressed (shown as Labels.suppressed). */
  value: number | null;
  text: string;
};

export function tableRows(
  page: StatisticsPage,
  table: TableId,
  labels: Labels,
): { rows: TableRow[]; total: TableRow | null } {
  const group = page.tables[table];
  const text = (value: number | null) =>
    value === null ? labels.suppressed : labels.number(value);
  const rows = group.cells.map((cell) => ({
    key: cell.key,
    label: labels.row(table, cell.key),
    value: cell.value,
    text: text(cell.value),
  }));
  const total = group.additive
    ? { key: "total", label: labels.total, value: group.total, text: text(group.total) }
    : null;
  return { rows, total };
}

export type DurationRow = {
  key: DurationId;
  count: string;
  median: string;
  p90: string;
  /** Hours, for the chart; null when suppressed. */
  medianHours: number | null;
  p90Hours: number | null;
};

export function durationRows(
  page: StatisticsPage,
  labels: Labels,
  ids: readonly DurationId[],
): DurationRow[] {
  return ids.map((key) => {
    const d = page.durations[key];
    const hours = (value: number | null) =>
      d.count === null ? labels.suppressed : value === null ? "—" : labels.hours(value);
    return {
      key,
      count: d.count === null ? labels.suppressed : labels.number(d.count),
      median: hours(d.medianHours),
      p90: hours(d.p90Hours),
      medianHours: d.medianHours,
      p90Hours: d.p90Hours,
    };
  });
}
