import { randomBytes } from "node:crypto";
import {
  actionFields,
  actionIdOf,
  hiddenFields,
  reportRouterState,
} from "../../scripts/lib/rendered-forms.mjs";
import { testUserAgent } from "./canaries";

export { actionFields };

// Posting the report form over plain HTTP, as a browser without JavaScript does: multipart form
// data with the form's own fields and the hidden fields React renders for the action
// ($ACTION_REF_1, $ACTION_1:0, $ACTION_1:1, $ACTION_KEY), scraped from the rendered page.

export type Part = { name: string | Uint8Array; value: string | Uint8Array; filename?: string };

export type ScrapedForm = {
  hidden: [string, string][];
  submissionId: string;
  actionId: string;
  routerStateTree: string;
};

/** The hidden fields of the report form at `path`, and the one-time id it was rendered with. */
export async function scrapeForm(baseUrl: string, path = "/en/report"): Promise<ScrapedForm> {
  const html = await (
    await fetch(`${baseUrl}${path}`, { headers: { "User-Agent": testUserAgent } })
  ).text();
  const hidden = hiddenFields(html);
  const submissionId = hidden.find(([name]) => name === "submissionId")?.[1];
  const actionId = actionIdOf(hidden);
  if (!submissionId || !actionId) throw new Error(`no report form at ${path}`);
  const locale = path.split("/")[1]!;
  return { hidden, submissionId, actionId, routerStateTree: reportRouterState(locale) };
}

/**
 * The same form sent as React does with JavaScript on: every field prefixed "_1_", the action's
 * arguments in field "0" ([previous state, "$K1"], "$K1" being the form data), and headers naming
 * the action. The answer is RSC (text/x-component) with the new state, not a page.
 */
export async function postActionCall(
  baseUrl: string,
  path: string,
  form: ScrapedForm,
  parts: Part[],
  root: string | Uint8Array | null,
): Promise<PostResult> {
  const call: Part[] = parts.map((part) => ({
    ...part,
    name: typeof part.name === "string" ? `_1_${part.name}` : part.name,
  }));
  if (root !== null) call.push({ name: "0", value: root });
  return resultOf(
    await postMultipart(baseUrl, path, call, {
      "Next-Action": form.actionId,
      Accept: "text/x-component",
      "Next-Router-State-Tree": form.routerStateTree,
    }),
  );
}

/** Encodes multipart/form-data by hand, so a test can send bytes a FormData object would clean up. */
export function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----PrijaviTest${randomBytes(12).toString("hex")}`;
  const chunks: Buffer[] = [];
  const bytes = (value: string | Uint8Array) =>
    typeof value === "string" ? Buffer.from(value, "utf8") : Buffer.from(value);
  for (const part of parts) {
    const name = bytes(part.name)
      .toString("latin1")
      .replace(/["\r\n]/g, (c) => encodeURIComponent(c));
    const disposition = `form-data; name="${name}"${part.filename === undefined ? "" : `; filename="${part.filename}"`}`;
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: `, "latin1"),
      Buffer.from(disposition, "latin1"),
    );
    if (part.filename !== undefined)
      chunks.push(Buffer.from("\r\nContent-Type: application/octet-stream", "latin1"));
    chunks.push(
      Buffer.from("\r\n\r\n", "latin1"),
      bytes(part.value),
      Buffer.from("\r\n", "latin1"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, "latin1"));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export type PostResult = { status: number; contentType: string; html: string };

export async function postForm(
  baseUrl: string,
  path: string,
  parts: Part[],
  headers: Record<string, string> = {},
): Promise<PostResult> {
  return resultOf(await postMultipart(baseUrl, path, parts, headers));
}

/** Posts the parts as multipart from the app's own origin, as a browser does. */
export function postMultipart(
  baseUrl: string,
  path: string,
  parts: Part[],
  headers: Record<string, string> = {},
  redirect: RequestRedirect = "follow",
): Promise<Response> {
  const { body, contentType } = multipart(parts);
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    body: Uint8Array.from(body),
    redirect,
    headers: {
      Origin: baseUrl,
      "Content-Type": contentType,
      "User-Agent": testUserAgent,
      ...headers,
    },
  });
}

const resultOf = async (response: Response): Promise<PostResult> => ({
  status: response.status,
  contentType: response.headers.get("content-type") ?? "",
  html: await response.text(),
});

/** A complete, valid report, as fields. */
export function answers(overrides: Record<string, string | string[]> = {}): Part[] {
  const fields: Record<string, string | string[]> = {
    forms: ["labour", "domesticServitude"],
    indicators: ["documentsTaken", "isolated"],
    region: "obalnoKraska",
    placeDetails: "Hiša ob glavni cesti",
    whenPeriod: "ongoing",
    peopleCount: "twoToFive",
    minors: "unknown",
    immediateDanger: "no",
    reporterRole: "relative",
    description: "Моя сестра працює в будинку, документи в господаря, її не відпускають.",
    contactChoice: "anonymous",
    ...overrides,
  };
  return Object.entries(fields).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((item) => ({ name, value: item })),
  );
}

export const receiptIn = (html: string) =>
  /data-testid="receipt-code"[^>]*>([\d ]+)</.exec(html)?.[1] ??
  /"status":"done"[^}]*"receipt":"([\d ]+)"/.exec(html)?.[1] ??
  null;
export const alertIn = (html: string) => /role="alert"[^>]*>([^<]+)</.exec(html)?.[1] ?? null;
