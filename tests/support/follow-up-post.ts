import { hiddenFieldsOfForm } from "../../scripts/lib/rendered-forms.mjs";
import { testUserAgent } from "./canaries";
import { postMultipart, type Part } from "./report-post";

// The follow-up page's forms over plain HTTP, as a browser without JavaScript sends them: the
// hidden fields React renders for the action, scraped from the form that holds a given field.

/** The hidden fields of the form at `path` that has a field named `fieldName`. */
export async function scrapeActionForm(
  baseUrl: string,
  path: string,
  fieldName: string,
  cookie?: string,
): Promise<Part[]> {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: { "User-Agent": testUserAgent, ...(cookie ? { Cookie: cookie } : {}) },
  });
  const hidden = hiddenFieldsOfForm(await response.text(), fieldName);
  if (!hidden) throw new Error(`no form with ${fieldName} at ${path}`);
  return hidden.map(([name, value]) => ({ name, value }));
}

export type FollowUpPost = {
  status: number;
  location: string | null;
  cookie: string | null;
  html: string;
};

/** Posts a follow-up form; redirects are not followed, so a session cookie can be read. */
export async function postFollowUp(
  baseUrl: string,
  path: string,
  parts: Part[],
  cookie?: string,
): Promise<FollowUpPost> {
  const response = await postMultipart(
    baseUrl,
    path,
    parts,
    cookie ? { Cookie: cookie } : {},
    "manual",
  );
  const session =
    /prijavi_followup=[^;]+/.exec(response.headers.get("set-cookie") ?? "")?.[0] ?? null;
  return {
    status: response.status,
    location: response.headers.get("location"),
    cookie: session,
    html: await response.text(),
  };
}
