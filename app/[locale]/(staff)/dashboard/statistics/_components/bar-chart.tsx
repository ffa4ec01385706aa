// A horizontal bar chart drawn on the server as SVG: no script, nothing from another origin, and no
// style attribute (the CSP allows styles only from the stylesheet), so colours are classes and
// sizes are plain attributes. The table beside it is what screen readers get; the chart is hidden
// from them (aria-hidden), having nothing the table does not.

export type Bar = {
  label: string;
  /** null: suppressed, drawn as no bar with the suppressed text. */
  value: number | null;
  text: string;
  /** A second, lighter bar under the first (the 90th percentile beside the median). */
  second?: { value: number | null; text: string };
};

const width = 640;
const labelWidth = 280;
const valueWidth = 90;
const barArea = width - labelWidth - valueWidth;
const maxLabel = 44;

const clip = (text: string) => (text.length > maxLabel ? `${text.slice(0, maxLabel - 1)}…` : text);

export function BarChart({ bars, compact = false }: { bars: Bar[]; compact?: boolean }) {
  const rowHeight = compact ? 20 : 28;
  const band = (bar: Bar) => (bar.second ? rowHeight * 1.6 : rowHeight);
  const max = Math.max(1, ...bars.flatMap((b) => [b.value ?? 0, b.second?.value ?? 0]));
  // Each bar's top: the bands above it, after a 4-unit margin.
  const tops = bars.map((_, i) => 4 + bars.slice(0, i).reduce((sum, bar) => sum + band(bar), 0));
  const height = bars.reduce((sum, bar) => sum + band(bar), 0) + 8;
  const scale = (value: number | null) => (value === null ? 0 : (value / max) * barArea);
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      aria-hidden="true"
      focusable="false"
      className="max-w-full text-slate-900"
      data-testid="statistics-chart"
    >
      {bars.map((bar, i) => {
        const top = tops[i]!;
        const thick = rowHeight - 8;
        const middle = top + thick / 2 + 4;
        return (
          <g key={i}>
            <text
              x={labelWidth - 8}
              y={middle}
              textAnchor="end"
              dominantBaseline="middle"
              fontSize="12"
              className="fill-slate-900"
            >
              {clip(bar.label)}
            </text>
            <rect
              x={labelWidth}
              y={top + 4}
              width={scale(bar.value)}
              height={thick}
              className="fill-teal-700"
            />
            <text
              x={labelWidth + scale(bar.value) + 6}
              y={middle}
              dominantBaseline="middle"
              fontSize="12"
              className="fill-slate-900"
            >
              {bar.text}
            </text>
            {bar.second && (
              <>
                <rect
                  x={labelWidth}
                  y={top + rowHeight}
                  width={scale(bar.second.value)}
                  height={thick * 0.6}
                  className="fill-teal-300"
                />
                <text
                  x={labelWidth + scale(bar.second.value) + 6}
                  y={top + rowHeight + thick * 0.3}
                  dominantBaseline="middle"
                  fontSize="11"
                  className="fill-slate-900"
                >
                  {bar.second.text}
                </text>
              </>
            )}
          </g>
        );
      })}
    </svg>
  );
}
