import en from "@/messages/en.json";
import sl from "@/messages/sl.json";
import uk from "@/messages/uk.json";
import { locales, routing, type Locale } from "@/lib/i18n/routing";
import { quickExitUrl } from "./quick-exit-url";

// A complete, self-contained page for the few answers proxy.ts gives before the app is reached
// (a post too large or unreadable, or too many being taken at once). No script, no style, nothing
// from elsewhere: it must work in Tor Browser's safest mode and on the slowest phone.

const catalogs = { en, sl, uk } as const;

export type ErrorPageKind = "tooLarge" | "unreadable" | "busy";

export function localeOfPath(pathname: string): Locale {
  const first = pathname.split("/")[1];
  return (locales as readonly string[]).includes(first ?? "")
    ? (first as Locale)
    : routing.defaultLocale;
}

export function errorPage(kind: ErrorPageKind, locale: Locale): string {
  const { Errors: t, Layout: layout } = catalogs[locale];
  const title = t[`${kind}Title`];
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${escapeHtml(title)} – ${escapeHtml(layout.siteName)}</title>
</head>
<body>
<p><a href="${escapeHtml(quickExitUrl())}" rel="noreferrer noopener">${escapeHtml(layout.quickExit)}</a></p>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(t[`${kind}Text`])}</p>
<p><a href="/${locale}/report">${escapeHtml(t.openForm)}</a></p>
<p><a href="tel:113"><strong>${escapeHtml(t.emergency)}</strong></a></p>
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
