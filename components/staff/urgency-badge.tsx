import type { ReactNode } from "react";

export function UrgencyBadge({ urgency, label }: { urgency: string; label: string }) {
  const colours: Record<string, string> = {
    CRITICAL: "bg-red-800 text-white",
    HIGH: "bg-orange-700 text-white",
    MEDIUM: "bg-amber-200 text-amber-950",
    LOW: "bg-slate-200 text-slate-900",
  };
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-bold ${colours[urgency] ?? ""}`}>
      {label}
    </span>
  );
}

/** Marks an item past its deadline, in words ("Overdue: first look"), not by colour alone. */
export function OverdueBadge({
  children,
  className = "",
}: {
  children: ReactNode;
  className?: string;
}) {
  return (
    <span
      className={`rounded bg-red-800 px-1 text-xs font-bold text-white ${className}`}
      data-testid="overdue"
    >
      {children}
    </span>
  );
}
