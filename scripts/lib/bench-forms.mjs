// Report submissions for the benchmark, encoded as browsers send them (captured from Chromium):
// without JavaScript, the form's own multipart post with React's hidden $ACTION_ fields; with
// JavaScript, React's action call: the same fields prefixed "_1_", the arguments in field "0"
// ([previous state, "$K1"] = the form data), a Next-Action header, and RSC back instead of HTML.

import { actionFields, actionIdOf, hiddenFields, reportRouterState } from "./rendered-forms.mjs";

export async function scrapeReportForm(baseUrl, path) {
  const hidden = hiddenFields(await (await fetch(`${baseUrl}${path}`)).text());
  const actionId = actionIdOf(hidden);
  if (!actionId) throw new Error(`no report form at ${path}`);
  const locale = path.split("/")[1];
  return { hidden, actionId, locale, routerStateTree: reportRouterState(locale) };
}

const answers = [
  ["forms", "labour"],
  ["forms", "domesticServitude"],
  ["indicators", "documentsTaken"],
  ["indicators", "isolated"],
  ["region", "obalnoKraska"],
  ["placeDetails", "Hiša ob glavni cesti, za trgovino"],
  ["whenPeriod", "ongoing"],
  ["whenDate", ""],
  ["peopleCount", "twoToFive"],
  ["minors", "unknown"],
  ["immediateDanger", "no"],
  ["reporterRole", "relative"],
  [
    "description",
    "Moja sestra dela v hiši, dokumente ima gospodar in je ne pusti oditi. Плату не отримує вже три місяці.",
  ],
  ["contactChoice", "contact"],
  ["contact", "Signal, vprašajte za Ano"],
];

function fields(form, submissionId) {
  return [
    ...actionFields(form.hidden, submissionId),
    ["submissionId", submissionId],
    ["locale", form.locale],
    ["extra_reference_url", ""],
    ...answers,
  ];
}

export function noJsActionBody(form, submissionId) {
  const body = new FormData();
  for (const [name, value] of fields(form, submissionId)) body.append(name, value);
  return { body };
}

export function jsActionBody(form, submissionId) {
  const body = new FormData();
  for (const [name, value] of fields(form, submissionId)) body.append(`_1_${name}`, value);
  body.append("0", JSON.stringify([{ status: "idle", submissionId }, "$K1"]));
  return {
    body,
    headers: {
      "Next-Action": form.actionId,
      Accept: "text/x-component",
      "Next-Router-State-Tree": form.routerStateTree,
    },
  };
}
