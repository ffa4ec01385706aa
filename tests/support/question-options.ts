import {
  allExploitationForms,
  contactChoices,
  indicators,
  peopleCounts,
  regions,
  reporterRoles,
  triState,
  whenPeriods,
} from "@/lib/validation/report-options";

/** Every report question answered from a list, by its field name, with the list the schema checks. */
export const questionOptions = {
  forms: allExploitationForms,
  indicators,
  region: regions,
  whenPeriod: whenPeriods,
  peopleCount: peopleCounts,
  minors: triState,
  immediateDanger: triState,
  reporterRole: reporterRoles,
  contactChoice: contactChoices,
};
