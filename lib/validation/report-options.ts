// The answers the report form offers and the length limits, without zod: the form imports these
// on first load and fetches the schema (lib/validation/report.ts, zod) only once the page is up,
// which keeps about 40 kB of gzipped JavaScript off the first load on a reporter's phone.

export const exploitationForms = [
  "sexual",
  "labour",
  "crime",
  "begging",
  "slavery",
  "domesticServitude",
  "organs",
  "notSure",
] as const;

// Forms specific to children, as listed in seed 003 ("Trafficking in children").
export const childExploitationForms = [
  "childSexual",
  "childLabour",
  "childCrime",
  "childBegging",
  "childMarriage",
  "childOrgans",
  "illegalAdoption",
  "childMilitary",
] as const;

export const allExploitationForms = [...exploitationForms, ...childExploitationForms] as const;
export type ExploitationForm = (typeof allExploitationForms)[number];

// Signs of trafficking in plain words (seed 001; the ILO's indicators of forced labour).
export const indicators = [
  "documentsTaken",
  "phoneTaken",
  "notFreeToLeave",
  "debt",
  "littleOrNoPay",
  "threatsViolence",
  "livesAtWorkplace",
  "speaksForThem",
  "isolated",
  "excessiveHours",
  "suspiciousOffer",
  "deceived",
] as const;
export type Indicator = (typeof indicators)[number];

// The 12 statistical regions of Slovenia, plus abroad and unknown.
export const regions = [
  "osrednjeslovenska",
  "podravska",
  "savinjska",
  "gorenjska",
  "obalnoKraska",
  "goriska",
  "jugovzhodna",
  "pomurska",
  "koroska",
  "posavska",
  "zasavska",
  "primorskoNotranjska",
  "abroad",
  "unknown",
] as const;

export const whenPeriods = [
  "ongoing",
  "pastWeek",
  "pastMonth",
  "pastYear",
  "longerAgo",
  "unknown",
] as const;
export const peopleCounts = ["one", "twoToFive", "sixOrMore", "unknown"] as const;
export const triState = ["yes", "no", "unknown"] as const;
export const reporterRoles = ["self", "witness", "relative", "professional", "other"] as const;
export const contactChoices = ["anonymous", "contact"] as const;

export const limits = {
  placeDetails: 500,
  description: 5000,
  descriptionMin: 10,
  contact: 300,
} as const;

/** Every field of the report in the order the form asks (its error summary follows it). */
export const reportFieldNames = [
  "forms",
  "indicators",
  "region",
  "placeDetails",
  "whenPeriod",
  "whenDate",
  "peopleCount",
  "minors",
  "immediateDanger",
  "reporterRole",
  "description",
  "contactChoice",
  "contact",
] as const;
/** The fields a form posts more than once (checkboxes): arrays where the others are strings. */
export const reportListFieldNames = ["forms", "indicators"] as const;
