// Every page's title is "<page> – Prijavi" in its language: the no-traces page tells people to
// look for "Prijavi" in their history, so every entry must carry it. The name is not translated.
const siteName = "Prijavi";
export const titleTemplate = `%s – ${siteName}`;

export function pageTitle(page: string): string {
  return titleTemplate.replace("%s", page);
}
