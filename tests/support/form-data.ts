// Forms as a browser posts them to a server action, for tests that call actions directly.

/** One entry per value (a list becomes repeated fields), then the files under "attachments". */
export function formData(fields: Record<string, string | string[]>, files: File[] = []): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const item of [value].flat()) data.append(name, item);
  for (const file of files) data.append("attachments", file);
  return data;
}

/**
 * The report form's answers that every question requires, as a witness would post them; a test
 * adds its own locale, description and contact choice.
 */
export const postedAnswers = {
  forms: ["labour"],
  region: "podravska",
  whenPeriod: "pastWeek",
  peopleCount: "twoToFive",
  minors: "no",
  immediateDanger: "no",
  reporterRole: "witness",
};
