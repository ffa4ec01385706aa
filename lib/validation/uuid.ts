// One check for the ids that arrive in paths and form fields (a form's one-time id, a report's or
// a file's id), before they reach a query. No dependencies: the browser loads it too.
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && uuidPattern.test(value);
}
