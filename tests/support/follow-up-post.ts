import { testUserAgent } from "./canaries";
import { multipart, type Part } from "./report-post";

// The follow-up page's forms over plain HTTP, as a browser without JavaScript sends them: the
// hidden fields React renders for the action, scraped from the form that holds a given field.

const entities: Record<string, string> = {
  "&quot;": '"',
  "&#x27;": "'",
  "&lt;": "<",
  "&gt;": ">",
  "&amp;": "&",
};
const decode = (text: string) =>
  text.replace(/&(quot|#x27|lt|gt|amp);/g, (entity) => entities[entity]!);

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
  const html = await response.text();
  const form = html
    .split(/<form\b/)
    .slice(1)
    .map((chunk) => chunk.split("</form>")[0]!)
    .find((chunk) => chunk.includes(`name="${fieldName}"`));
  if (!form) throw new Error(`no form with ${fieldName} at ${path}`);
  return [...form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)].map(
    (m) => ({ name: decode(m[1]!), value: decode(m[2] ?? "") }),
  );
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
  const { body, contentType } = multipart(parts);
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    body: Uint8Array.from(body),
    redirect: "manual",
    headers: {
      Origin: baseUrl,
      "Content-Type": contentType,
      "User-Agent": testUserAgent,
      ...(cookie ? { Cookie: cookie } : {}),
    },
  });
  const session =
    /prijavi_followup=[^;]+/.exec(response.headers.get("set-cookie") ?? "")?.[0] ?? null;
  return {
    status: response.status,
    location: response.headers.get("location"),
    cookie: session,
    html: await response.text(),
  };
}
