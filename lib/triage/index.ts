import type { Messages } from "next-intl";
import {
  childExploitationForms,
  type ExploitationForm,
  type Indicator,
  type ReportData,
} from "@/lib/validation/report";

// Urgency and the suggested route are pure functions of the answers. They advise; the triage
// officer always decides. Each rule that fires leaves a reason code beside the result, so the
// officer sees why (rendered through the Triage.reasons messages).

const urgencyLevels = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type Urgency = (typeof urgencyLevels)[number];

export type OrganizationSlug = "police" | "kljuc" | "caritas" | "filantropija";

type Answers = Pick<
  ReportData,
  | "forms"
  | "indicators"
  | "whenPeriod"
  | "peopleCount"
  | "minors"
  | "immediateDanger"
  | "reporterRole"
> & { locale?: string };

// Reason codes are the keys of their texts in messages/, so a rule without a text does not compile.
export type UrgencyReason = keyof Messages["Triage"]["reasons"];
type RouteReasonTexts = Messages["Triage"]["routeReasonsList"];
export type RouteReason = {
  [O in OrganizationSlug]: `${O}.${keyof RouteReasonTexts[O] & string}`;
}[OrganizationSlug];

type UrgencyRule = { reason: UrgencyReason; level: Urgency; fires: (a: Answers) => boolean };

const childForms: readonly ExploitationForm[] = childExploitationForms;
const labourForms: ExploitationForm[] = [
  "labour",
  "domesticServitude",
  "slavery",
  "begging",
  "childLabour",
  "childBegging",
];
const sexualForms: ExploitationForm[] = ["sexual", "childSexual"];
const controlIndicators: Indicator[] = ["documentsTaken", "phoneTaken", "notFreeToLeave"];

const hasForm = (a: Answers, forms: readonly ExploitationForm[]) =>
  a.forms.some((f) => forms.includes(f));
const hasIndicator = (a: Answers, list: Indicator[]) => a.indicators.some((i) => list.includes(i));

/**
 * The urgency rules, highest first. The report takes the highest level among the rules that fire
 * (LOW when none does); every rule that fires is recorded, whatever its level.
 */
export const urgencyRules: readonly UrgencyRule[] = [
  // Someone may be hurt now: the officer should see this before anything else.
  { reason: "immediateDanger", level: "CRITICAL", fires: (a) => a.immediateDanger === "yes" },
  // A child in sexual exploitation or organ trade is treated as an emergency even if not said so.
  {
    reason: "childSexualOrOrgans",
    level: "CRITICAL",
    fires: (a) => hasForm(a, ["childSexual", "childOrgans"]),
  },
  {
    reason: "minorInvolved",
    level: "HIGH",
    fires: (a) => a.minors === "yes" || hasForm(a, childForms),
  },
  { reason: "organTrade", level: "HIGH", fires: (a) => hasForm(a, ["organs"]) },
  { reason: "threatsViolence", level: "HIGH", fires: (a) => hasIndicator(a, ["threatsViolence"]) },
  // Control over papers, phone or movement while it is still going on.
  {
    reason: "ongoingControl",
    level: "HIGH",
    fires: (a) => a.whenPeriod === "ongoing" && hasIndicator(a, controlIndicators),
  },
  { reason: "controlOfPerson", level: "MEDIUM", fires: (a) => hasIndicator(a, controlIndicators) },
  {
    reason: "ongoing",
    level: "MEDIUM",
    fires: (a) => a.whenPeriod === "ongoing" || a.whenPeriod === "pastWeek",
  },
  { reason: "severalPeople", level: "MEDIUM", fires: (a) => a.peopleCount === "sixOrMore" },
  {
    reason: "immediateDangerUnknown",
    level: "MEDIUM",
    fires: (a) => a.immediateDanger === "unknown",
  },
];

export function assessUrgency(answers: Answers): { urgency: Urgency; reasons: string[] } {
  const fired = urgencyRules.filter((rule) => rule.fires(answers));
  const urgency = fired.reduce<Urgency>(
    (highest, rule) =>
      urgencyLevels.indexOf(rule.level) > urgencyLevels.indexOf(highest) ? rule.level : highest,
    "LOW",
  );
  return { urgency, reasons: fired.map((rule) => rule.reason) };
}

type RouteRule = {
  [O in OrganizationSlug]: {
    organization: O;
    reason: keyof RouteReasonTexts[O] & string;
    fires: (a: Answers, urgency: Urgency) => boolean;
  };
}[OrganizationSlug];

/**
 * Who should probably receive the report. Police: anything urgent, any child, and crimes that only
 * the police can stop. NGOs by what they do (seed 001, 003): Ključ runs the Centre for Combating
 * Trafficking and its helpline, and supports victims of sexual exploitation; Caritas Slovenia runs
 * crisis and safe accommodation; Slovene Philanthropy works with refugees and migrants, including
 * people fleeing the war in Ukraine.
 */
export const routeRules: readonly RouteRule[] = [
  { organization: "police", reason: "urgent", fires: (_a, u) => u === "CRITICAL" || u === "HIGH" },
  {
    organization: "police",
    reason: "minorInvolved",
    fires: (a) => a.minors === "yes" || hasForm(a, childForms),
  },
  {
    organization: "police",
    reason: "crimeOrOrgans",
    fires: (a) => hasForm(a, ["crime", "organs", "childCrime", "childOrgans"]),
  },
  { organization: "kljuc", reason: "sexualExploitation", fires: (a) => hasForm(a, sexualForms) },
  {
    organization: "kljuc",
    reason: "personAffectedNeedsSupport",
    fires: (a) => a.reporterRole === "self",
  },
  {
    organization: "caritas",
    reason: "needsSafeAccommodation",
    fires: (a) =>
      hasIndicator(a, ["livesAtWorkplace", "notFreeToLeave"]) || hasForm(a, ["domesticServitude"]),
  },
  { organization: "caritas", reason: "labourExploitation", fires: (a) => hasForm(a, labourForms) },
  {
    organization: "filantropija",
    reason: "refugeeOrMigrant",
    fires: (a) => a.locale === "uk" || hasIndicator(a, ["suspiciousOffer"]),
  },
];

const routeOrder: OrganizationSlug[] = ["police", "kljuc", "caritas", "filantropija"];

export function suggestRoute(
  answers: Answers,
  urgency: Urgency,
): { organizations: OrganizationSlug[]; reasons: RouteReason[] } {
  const fired = routeRules.filter((rule) => rule.fires(answers, urgency));
  // With nothing specific to go on, the police assess it: trafficking is a crime (Criminal Code, art. 113).
  if (fired.length === 0) return { organizations: ["police"], reasons: ["police.default"] };
  const organizations = routeOrder.filter((slug) =>
    fired.some((rule) => rule.organization === slug),
  );
  return {
    organizations,
    reasons: fired.map((rule) => `${rule.organization}.${rule.reason}` as RouteReason),
  };
}

const urgencyReasonCodes = new Set<string>(urgencyRules.map((rule) => rule.reason));
const routeReasonCodes = new Set<string>([
  "police.default",
  ...routeRules.map((rule) => `${rule.organization}.${rule.reason}`),
]);

/** Whether a stored code is one the current rules write (rows keep codes of retired rules). */
export const isUrgencyReason = (code: string): code is UrgencyReason =>
  urgencyReasonCodes.has(code);
export const isRouteReason = (code: string): code is RouteReason => routeReasonCodes.has(code);

export function triage(answers: Answers) {
  const { urgency, reasons: urgencyReasons } = assessUrgency(answers);
  const { organizations: suggestedRoute, reasons: routeReasons } = suggestRoute(answers, urgency);
  return { urgency, urgencyReasons, suggestedRoute, routeReasons };
}
