// Report submissions for the benchmark, encoded as browsers send them (captured from Chromium):
// without JavaScript, the form's own multipart post with React's hidden $ACTION_ fields; with
// JavaScript, React's action call: the same fields prefixed "_1_", the arguments in field "0"
// ([previous state, "$K1"] = the form data), a Next-Action header, and RSC back instead of HTML.

const entities = { "&quot;": '"', "&#x27;": "'", "&lt;": "<", "&gt;": ">", "&amp;": "&" };
const decode = (text) => text.replace(/&(quot|#x27|lt|gt|amp);/g, (entity) => entities[entity]);

export async function scrapeReportForm(baseUrl, path) {
  const html = await (await fetch(`${baseUrl}${path}`)).text();
  const hidden = [
    ...html.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g),
  ].map((m) => [decode(m[1]), decode(m[2] ?? "")]);
  const descriptor = hidden.find(([name]) => name === "$ACTION_1:0");
  if (!descriptor) throw new Error(`no report form at ${path}`);
  const locale = path.split("/")[1];
  // The router state a browser sends with an action from this page.
  const tree = [
    "",
    {
      children: [
        ["locale", locale, "d", null],
        {
          children: [
            "(public)",
            { children: ["report", { children: ["__PAGE__", {}, null, null, 0] }, null, null, 0] },
            null,
            null,
            0,
          ],
        },
        null,
        null,
        16,
      ],
    },
    null,
    null,
    16,
  ];
  return {
    hidden,
    actionId: JSON.parse(descriptor[1]).id,
    locale,
    routerStateTree: encodeURIComponent(JSON.stringify(tree)),
  };
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
  const state = JSON.stringify([{ status: "idle", submissionId }]);
  return [
    ...form.hidden
      .filter(([name]) => name.startsWith("$ACTION_"))
      .map(([name, value]) => [name, name === "$ACTION_1:1" ? state : value]),
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
