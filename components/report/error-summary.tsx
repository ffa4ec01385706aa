"use client";

import { useEffect, useRef } from "react";

type ErrorSummaryProps = {
  title: string;
  errors: { name: string; text: string }[];
  /** Focus moves here when the summary appears and again whenever this changes. */
  focusKey?: number;
};

/** The GOV.UK pattern: a focusable list at the top, each entry linking to its question. */
export function ErrorSummary({ title, errors, focusKey }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [focusKey]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
      className="rounded-md border-4 border-red-700 bg-white p-4"
      data-testid="error-summary"
    >
      <h2 id="error-summary-title" className="text-lg font-bold text-red-900">
        {title}
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        {errors.map((error) => (
          <li key={error.name}>
            <a
              href={`#${error.name}-group`}
              className="font-semibold text-red-900"
              onClick={(event) => focusField(event, error.name)}
            >
              {error.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function focusField(event: React.MouseEvent<HTMLAnchorElement>, name: string) {
  const target =
    document.getElementById(name) ?? document.querySelector<HTMLElement>(`[name="${name}"]`);
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ block: "center" });
  target.focus();
}
