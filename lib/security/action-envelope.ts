// Checks the envelope of a form posted without JavaScript to a server action, before Next.js
// decodes it. A form rendered by React carries, besides its own fields:
//
//   $ACTION_REF_1 = ""                                   (or $ACTION_ID_<id> = "" when nothing is bound)
//   $ACTION_1:0   = {"id":"<hex action id>","bound":"$@1"}
//   $ACTION_1:1   = [<bound arguments: the previous form state>]   (JSON, "$"-strings escaped as "$$")
//   $ACTION_KEY   = "k<hex>"
//
// Next.js 16 parses these with JSON.parse and React's reply decoder and answers anything it cannot
// read with a bare 500 (and logs the parser's message, which quotes the posted text). Only a client
// that forges the envelope gets here; proxy.ts answers it with a localized 400 page instead.
// The form's own fields are not looked at: they are the action's to validate.

const actionIdPattern = /^[0-9a-f]{2,128}$/i;
const maxDepth = 16;

export function isWellFormedActionEnvelope(form: FormData): boolean {
  const fields = new Map<string, string>();
  let references = 0;
  let plainIds = 0;
  for (const [name, value] of form.entries()) {
    if (name === "") return false; // no browser sends a field without a name
    if (!name.startsWith("$ACTION_")) continue;
    if (typeof value !== "string" || fields.has(name)) return false;
    fields.set(name, value);
    if (name.startsWith("$ACTION_REF_")) references++;
    else if (name.startsWith("$ACTION_ID_")) plainIds++;
  }
  if (references + plainIds > 1) return false;

  for (const [name, value] of fields) {
    if (name === "$ACTION_KEY") {
      if (value.length > 200) return false;
    } else if (name.startsWith("$ACTION_ID_")) {
      if (value !== "" || !actionIdPattern.test(name.slice("$ACTION_ID_".length))) return false;
    } else if (name.startsWith("$ACTION_REF_")) {
      const prefix = name.slice("$ACTION_REF_".length);
      if (value !== "" || !/^\d{1,4}$/.test(prefix) || !boundActionIsReadable(prefix, fields))
        return false;
    } else if (!/^\$ACTION_\d{1,4}:\d{1,4}$/.test(name)) {
      return false;
    }
  }
  return true;
}

/** $ACTION_<p>:0 names the action and, through "$@<n>", the field holding its bound arguments. */
function boundActionIsReadable(prefix: string, fields: Map<string, string>): boolean {
  const descriptor = parseJson(fields.get(`$ACTION_${prefix}:0`));
  if (
    !isRecord(descriptor) ||
    typeof descriptor.id !== "string" ||
    !actionIdPattern.test(descriptor.id)
  )
    return false;
  if (!isPlainData({ ...descriptor, bound: null }, 0)) return false;
  if (descriptor.bound === null) return true;
  const reference =
    typeof descriptor.bound === "string" ? /^\$@(\d{1,4})$/.exec(descriptor.bound) : null;
  if (!reference || reference[1] === "0") return false;
  const bound = parseJson(fields.get(`$ACTION_${prefix}:${Number(reference[1])}`));
  return Array.isArray(bound) && bound.length <= 16 && isPlainData(bound, 0);
}

/**
 * Plain JSON only. React's decoder gives "$"-strings a meaning ("$@2" points at another field,
 * "$K1" at form data, "$n…" is a BigInt…): a forged one can point at nothing and fail the decode.
 * Escaped strings ("$$…") and "$undefined" are what React itself writes into a form.
 */
function isPlainData(value: unknown, depth: number, budget = { slots: maxReplySlots }): boolean {
  if (depth > maxDepth) return false;
  if (typeof value === "string") {
    if (value.startsWith("$$")) budget.slots -= value.length;
    return (
      (!value.startsWith("$") || value.startsWith("$$") || value === "$undefined") &&
      budget.slots >= 0
    );
  }
  if (value === null || typeof value === "number" || typeof value === "boolean") return true;
  if (Array.isArray(value)) {
    budget.slots -= value.length + 1;
    return budget.slots >= 0 && value.every((item) => isPlainData(item, depth + 1, budget));
  }
  if (isRecord(value))
    return Object.values(value).every((item) => isPlainData(item, depth + 1, budget));
  return false;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The body of an action called from JavaScript (a `Next-Action` request): React encodes the call's
 * arguments as one JSON array, the whole body or, when there is form data, the field "0" of a
 * multipart body. Next.js answers one it cannot decode with a 500. "$"-strings are React's
 * references; only those React writes for the values our actions take are let through: escaped
 * text ("$$…"), undefined, numbers JSON cannot hold, dates, big integers, form data ("$K…") and
 * promises ("$@…"; one that points nowhere reaches the action as a failed value, which it answers
 * itself). An action taking other types (Map, Set, Blob, streams…) must add their prefixes here.
 */
export async function isWellFormedActionCall(
  contentType: string,
  body: ArrayBuffer,
): Promise<boolean> {
  let root: unknown;
  if (contentType.startsWith("multipart/form-data")) {
    const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
    // A part without a name makes React's decoder throw (a 500); no browser sends one.
    for (const name of form.keys()) if (name === "") return false;
    if (!haveDistinctChunkNames(form)) return false;
    const fields = form.getAll("0");
    if (fields.length !== 1 || typeof fields[0] !== "string") return false;
    root = parseJson(fields[0]);
  } else {
    root = parseJson(new TextDecoder().decode(body));
  }
  if (!Array.isArray(root) || root.length > 1000) return false;
  const budget = { slots: maxReplySlots };
  return isReplyData(root, 0, budget);
}

/**
 * Next.js reads a multipart call with React's streaming decoder, which takes every text part whose
 * name reads as a number (after an optional "S", for streams) as the model of that chunk: " ",
 * "00", "0x0", "1e0" and "S0" all name chunk 0. A second part for a chunk already read makes the
 * decoder throw (a TypeError, answered with a 500). React itself writes only canonical numbers,
 * each once; anything else is refused here.
 */
function haveDistinctChunkNames(form: FormData): boolean {
  const chunks = new Set<number>();
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") continue; // files are kept aside, never read as a chunk
    const id = name.length > 1 && name.startsWith("S") ? name.slice(1) : name;
    const chunk = Number(id);
    if (Number.isNaN(chunk)) continue;
    if (String(chunk) !== id || chunks.has(chunk)) return false;
    chunks.add(chunk);
  }
  return true;
}

// React's decoder throws (and Next.js answers 500) on a big integer of more than 300 characters
// after "$n", sign included, and on more than a million "array slots" (array lengths plus the
// length of escaped strings and big integers). Our actions take nothing near either: a report is
// under 30 kB of text. The slots counted here are at least React's, so passing here means
// passing there.
const maxBigIntLength = 300;
const maxReplySlots = 100_000;

const replyReference =
  /^\$(?:\$|undefined$|NaN$|-?Infinity$|-0$|K[0-9a-f]{1,8}$|@[0-9a-f]{1,8}$|D\d{4}-\d\d-\d\dT[\d:.]+Z$|n-?\d+$)/;

function isReplyData(value: unknown, depth: number, budget: { slots: number }): boolean {
  if (depth > maxDepth) return false;
  if (typeof value === "string") {
    if (!value.startsWith("$")) return true;
    if (!replyReference.test(value)) return false;
    if (value[1] === "n" && value.length - 2 > maxBigIntLength) return false;
    if (value[1] === "$" || value[1] === "n") budget.slots -= value.length;
    return budget.slots >= 0;
  }
  if (value === null || typeof value === "number" || typeof value === "boolean") return true;
  if (Array.isArray(value)) {
    budget.slots -= value.length + 1;
    return budget.slots >= 0 && value.every((item) => isReplyData(item, depth + 1, budget));
  }
  if (isRecord(value))
    return Object.values(value).every((item) => isReplyData(item, depth + 1, budget));
  return false;
}
