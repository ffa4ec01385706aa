// What a page rendered by Next carries for a server action, read from its HTML: the hidden fields
// React renders for the action ($ACTION_REF_1, $ACTION_1:0, $ACTION_1:1, $ACTION_KEY), and the
// router state a browser sends with a call made from JavaScript (captured from Chromium). Shared by
// the benchmark (scripts/bench.mjs) and the HTTP tests (tests/support/report-post.ts), so both post
// what a browser posts; types in rendered-forms.d.mts.

const entities = { "&quot;": '"', "&#x27;": "'", "&lt;": "<", "&gt;": ">", "&amp;": "&" };
const decode = (text) => text.replace(/&(quot|#x27|lt|gt|amp);/g, (entity) => entities[entity]);

/** Every hidden field in this HTML, in order, as [name, value]. */
export function hiddenFields(html) {
  return [...html.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)].map(
    (m) => [decode(m[1]), decode(m[2] ?? "")],
  );
}

/** The hidden fields of the one form in this page that has a field named `fieldName`, or null. */
export function hiddenFieldsOfForm(html, fieldName) {
  const form = html
    .split(/<form\b/)
    .slice(1)
    .map((chunk) => chunk.split("</form>")[0])
    .find((chunk) => chunk.includes(`name="${fieldName}"`));
  return form === undefined ? null : hiddenFields(form);
}

/** The id of the action the form posts to, from its $ACTION_1:0 field, or null. */
export function actionIdOf(hidden) {
  const descriptor = hidden.find(([name]) => name === "$ACTION_1:0")?.[1];
  return descriptor === undefined ? null : JSON.parse(descriptor).id;
}

/** The action's hidden fields for a form with another one-time id (as a fresh page would render). */
export function actionFields(hidden, submissionId) {
  return hidden
    .filter(([name]) => name.startsWith("$ACTION_"))
    .map(([name, value]) => [
      name,
      name === "$ACTION_1:1" ? JSON.stringify([{ status: "idle", submissionId }]) : value,
    ]);
}

/** The Next-Router-State-Tree header of an action called from the report page in `locale`. */
export function reportRouterState(locale) {
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
  return encodeURIComponent(JSON.stringify(tree));
}
