import { describe, expect, it } from "vitest";
import {
  assessUrgency,
  isRouteReason,
  isUrgencyReason,
  routeRules,
  suggestRoute,
  triage,
  urgencyRules,
} from "@/lib/triage";

type Answers = Parameters<typeof triage>[0];

// A report that fires no rule at all: the baseline every rule test changes one answer of.
const quiet: Answers = {
  forms: ["notSure"],
  indicators: [],
  whenPeriod: "longerAgo",
  peopleCount: "one",
  minors: "no",
  immediateDanger: "no",
  reporterRole: "witness",
  locale: "sl",
};

describe("urgency", () => {
  it("is LOW with no reasons when nothing fires", () => {
    expect(assessUrgency(quiet)).toEqual({ urgency: "LOW", reasons: [] });
  });

  it.each([
    ["immediateDanger", { immediateDanger: "yes" }, "CRITICAL"],
    ["childSexualOrOrgans", { forms: ["childSexual"] }, "CRITICAL"],
    ["childSexualOrOrgans", { forms: ["childOrgans"] }, "CRITICAL"],
    ["minorInvolved", { minors: "yes" }, "HIGH"],
    ["minorInvolved", { forms: ["childBegging"] }, "HIGH"],
    ["organTrade", { forms: ["organs"] }, "HIGH"],
    ["threatsViolence", { indicators: ["threatsViolence"] }, "HIGH"],
    ["controlOfPerson", { indicators: ["documentsTaken"] }, "MEDIUM"],
    ["controlOfPerson", { indicators: ["phoneTaken"] }, "MEDIUM"],
    ["ongoing", { whenPeriod: "ongoing" }, "MEDIUM"],
    ["ongoing", { whenPeriod: "pastWeek" }, "MEDIUM"],
    ["severalPeople", { peopleCount: "sixOrMore" }, "MEDIUM"],
    ["immediateDangerUnknown", { immediateDanger: "unknown" }, "MEDIUM"],
  ] as const)("rule %s fires on %j and raises urgency to %s", (reason, change, level) => {
    const result = assessUrgency({ ...quiet, ...change } as Answers);
    expect(result.reasons).toContain(reason);
    expect(result.urgency).toBe(level);
  });

  it("raises ongoing control of papers or movement to HIGH", () => {
    const result = assessUrgency({
      ...quiet,
      whenPeriod: "ongoing",
      indicators: ["notFreeToLeave"],
    });
    expect(result.urgency).toBe("HIGH");
    expect(result.reasons).toEqual(["ongoingControl", "controlOfPerson", "ongoing"]);
  });

  it("takes the highest level and records every rule that fired", () => {
    const result = assessUrgency({
      ...quiet,
      immediateDanger: "yes",
      minors: "yes",
      peopleCount: "sixOrMore",
    });
    expect(result.urgency).toBe("CRITICAL");
    expect(result.reasons).toEqual(["immediateDanger", "minorInvolved", "severalPeople"]);
  });

  it("has a unique reason per rule", () => {
    const reasons = urgencyRules.map((rule) => rule.reason);
    expect(new Set(reasons).size).toBe(reasons.length);
  });
});

describe("suggested route", () => {
  it("sends a report with nothing specific to the police, saying so", () => {
    expect(suggestRoute(quiet, "LOW")).toEqual({
      organizations: ["police"],
      reasons: ["police.default"],
    });
  });

  it.each([
    ["police.urgent", { immediateDanger: "yes" }],
    ["police.minorInvolved", { minors: "yes" }],
    ["police.crimeOrOrgans", { forms: ["crime"] }],
    ["kljuc.sexualExploitation", { forms: ["sexual"] }],
    ["kljuc.personAffectedNeedsSupport", { reporterRole: "self" }],
    ["caritas.needsSafeAccommodation", { indicators: ["livesAtWorkplace"] }],
    ["caritas.needsSafeAccommodation", { forms: ["domesticServitude"] }],
    ["caritas.labourExploitation", { forms: ["labour"] }],
    ["filantropija.refugeeOrMigrant", { locale: "uk" }],
    ["filantropija.refugeeOrMigrant", { indicators: ["suspiciousOffer"] }],
  ] as const)("rule %s fires on %j", (reason, change) => {
    const answers = { ...quiet, ...change } as Answers;
    const { urgency } = assessUrgency(answers);
    const route = suggestRoute(answers, urgency);
    expect(route.reasons).toContain(reason);
    expect(route.organizations).toContain(reason.split(".")[0]);
  });

  it("lists each organisation once, police first", () => {
    const answers: Answers = {
      ...quiet,
      forms: ["sexual", "childSexual"],
      minors: "yes",
      reporterRole: "self",
      locale: "uk",
    };
    const result = triage(answers);
    expect(result.suggestedRoute).toEqual(["police", "kljuc", "filantropija"]);
    expect(result.urgency).toBe("CRITICAL");
  });

  it("covers only the organisations that exist", () => {
    const slugs = new Set(routeRules.map((rule) => rule.organization));
    expect([...slugs].sort()).toEqual(["caritas", "filantropija", "kljuc", "police"]);
  });
});

describe("stored reason codes", () => {
  it("are recognised when the current rules write them, and not otherwise", () => {
    for (const rule of urgencyRules) expect(isUrgencyReason(rule.reason)).toBe(true);
    for (const rule of routeRules)
      expect(isRouteReason(`${rule.organization}.${rule.reason}`)).toBe(true);
    expect(isRouteReason("police.default")).toBe(true);
    expect(isUrgencyReason("retiredRule")).toBe(false);
    expect(isUrgencyReason("police.urgent")).toBe(false);
    expect(isRouteReason("urgent")).toBe(false);
    expect(isRouteReason("kljuc.urgent")).toBe(false);
  });
});
