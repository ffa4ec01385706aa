import { timeZone } from "@/lib/i18n/formats";

// The staff-facing reference, e.g. TR-2026-00042. Derived from the report's sequence number and
// creation year, so it is never stored twice and cannot drift.

export function formatReference(number: number, createdAt: Date): string {
  const year = createdAt.toLocaleString("en", { year: "numeric", timeZone });
  return `TR-${year}-${String(number).padStart(5, "0")}`;
}

/** The number inside a reference typed by staff ("tr-2026-42", "42"), or null. */
export function parseReference(input: string): number | null {
  const match = /^(?:TR-?\d{4}-?)?0*(\d{1,9})$/i.exec(input.trim());
  return match ? Number(match[1]) : null;
}
