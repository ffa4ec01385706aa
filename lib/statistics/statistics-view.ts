import { locales } from "@/lib/i18n/routing";
import { allExploitationForms, regions, reporterRoles } from "@/lib/validation/report-options";
import type { Count, RawStatistics } from "./query-statistics";
import { suppressDuration, suppressGroup, type ShownDuration, type ShownGroup } from "./suppress";

// From the database's counts to what is published: every known answer listed in the form's own
// order (an answer nobody gave shows as a suppressed zero, never as a missing row, so that the
// absence of a row says nothing), then suppression. Pure; the page and the CSV both use it.

export const tableIds = [
  "months",
  "forms",
  "regions",
  "minors",
  "reporterRoles",
  "languages",
  "routes",
  "outcomes",
] as const;
export type TableId = (typeof tableIds)[number];
export const durationIds = ["firstLook", "acknowledgement", "closure"] as const;
export type DurationId = (typeof durationIds)[number];

const outcomeKeys = ["ASSISTED", "REFERRED_ON", "NO_CONTACT", "NOT_TRAFFICKING", "OPEN"];
const triStateKeys = ["YES", "NO", "UNKNOWN"];

/** Tables whose cells add up to their total: each report (or referral) is in exactly one cell. */
const additive: Record<TableId, boolean> = {
  months: true,
  forms: false, // a report may name several forms of exploitation
  regions: true,
  minors: true,
  reporterRoles: true,
  languages: true,
  routes: true, // counts referrals: one per report and organisation
  outcomes: true, // counts the same referrals
};

export type StatisticsView = {
  threshold: number;
  tables: Record<TableId, ShownGroup>;
  durations: Record<DurationId, ShownDuration>;
};

/** Known keys first, in their order, each with its count or 0; any unknown stored value after. */
function ordered(counts: Count[], known: readonly string[]): Count[] {
  const byKey = new Map(counts.map((c) => [c.key, c.count]));
  const unknown = counts.filter((c) => !known.includes(c.key));
  return [...known.map((key) => ({ key, count: byKey.get(key) ?? 0 })), ...unknown];
}

export function buildStatisticsView(
  raw: RawStatistics,
  organizationIds: readonly string[],
  threshold: number,
): StatisticsView {
  const lists: Record<TableId, Count[]> = {
    months: raw.months,
    forms: ordered(raw.forms, allExploitationForms),
    regions: ordered(raw.regions, regions),
    minors: ordered(raw.minors, triStateKeys),
    reporterRoles: ordered(raw.reporterRoles, reporterRoles),
    languages: ordered(raw.languages, locales),
    routes: ordered(raw.routes, organizationIds),
    outcomes: ordered(raw.outcomes, outcomeKeys),
  };
  const tables = Object.fromEntries(
    tableIds.map((id) => [id, suppressGroup(lists[id], threshold, { additive: additive[id] })]),
  ) as Record<TableId, ShownGroup>;
  const durations = Object.fromEntries(
    durationIds.map((id) => [id, suppressDuration(raw[id], threshold)]),
  ) as Record<DurationId, ShownDuration>;
  return { threshold, tables, durations };
}
