import type { TableRow } from "@/lib/statistics/table-rows";
import type { ReactNode } from "react";
import { BarChart, type Bar } from "./bar-chart";

/** One figure: its heading, its table (the accessible form) and its chart side by side, and its CSV. */
export function StatisticsFigure({
  id,
  title,
  note,
  csvHref,
  csvLabel,
  table,
  bars,
  compact,
}: {
  id: string;
  title: string;
  note?: string;
  csvHref: string;
  csvLabel: string;
  table: ReactNode;
  bars: Bar[];
  compact?: boolean;
}) {
  return (
    <section aria-labelledby={`figure-${id}`} className="space-y-2" data-testid={`figure-${id}`}>
      <h2 id={`figure-${id}`} className="text-xl font-bold">
        {title}
      </h2>
      {note && <p className="text-sm">{note}</p>}
      <div className="grid items-start gap-4 lg:grid-cols-2">
        {/* Focusable, so that keyboard users can scroll a table wider than the screen. */}
        <div
          className="overflow-x-auto"
          tabIndex={0}
          role="region"
          aria-labelledby={`figure-${id}`}
        >
          {table}
        </div>
        <BarChart bars={bars} compact={compact} />
      </div>
      <p>
        {/* A plain link: the CSV is a file from a route handler, not a page to navigate to. */}
        <a href={csvHref} className="inline-flex min-h-11 items-center underline" download>
          {csvLabel}
        </a>
      </p>
    </section>
  );
}

export function CountTable({
  caption,
  headers,
  rows,
  total,
}: {
  caption: string;
  headers: [string, string];
  rows: TableRow[];
  total: TableRow | null;
}) {
  return (
    <table className="w-full border-collapse text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-400">
          <th scope="col" className="p-2">
            {headers[0]}
          </th>
          <th scope="col" className="p-2 text-right">
            {headers[1]}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className="border-b border-slate-200" data-key={row.key}>
            <th scope="row" className="p-2 font-normal">
              {row.label}
            </th>
            <td
              className="p-2 text-right tabular-nums"
              data-suppressed={row.value === null || undefined}
            >
              {row.text}
            </td>
          </tr>
        ))}
      </tbody>
      {total && (
        <tfoot>
          <tr className="border-t-2 border-slate-400 font-semibold">
            <th scope="row" className="p-2">
              {total.label}
            </th>
            <td
              className="p-2 text-right tabular-nums"
              data-suppressed={total.value === null || undefined}
            >
              {total.text}
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
