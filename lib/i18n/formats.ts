import type { Formats } from "next-intl";

// Dates and times are shown in Slovenia's time zone whatever the server's or the reader's:
// reports, messages and audit rows are compared across people, and the police work in it.
export const timeZone = "Europe/Ljubljana";

export const formats = {
  dateTime: {
    // Date and time to the second, as `Date.toLocaleString(locale)` wrote them before.
    stamp: {
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    },
    // For sentences ("3 failed attempts since 30 November 2026 at 18:45").
    long: { dateStyle: "long", timeStyle: "short" },
  },
} satisfies Formats;
