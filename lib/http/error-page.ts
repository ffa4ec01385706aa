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
  const { Errors: t } = catalogs[locale];
  const title = t[`${kind}Title`];
  return page(
    locale,
    title,
    `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(t[`${kind}Text`])}</p>
<p><a href="/${locale}/report">${escapeHtml(t.openForm)}</a></p>
<p><a href="tel:113"><strong>${escapeHtml(t.emergency)}</strong></a></p>`,
  );
}

/**
 * What a bot that filled the report form's honeypot is shown: a receipt, as after a real report,
 * for a report that was never stored. Answered by proxy.ts before Next.js renders anything, so a
 * flood of them costs next to nothing; the report action drops one that gets past (a call with
 * JavaScript) the same way.
 */
export function botReceiptPage(locale: Locale, receipt: string): string {
  const { Receipt: t } = catalogs[locale];
  return page(
    locale,
    t.pageTitle,
    `<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.codeLabel)}</p>
<p data-testid="receipt-code" translate="no">${escapeHtml(receipt)}</p>
<p>${escapeHtml(t.instructions)}</p>
<p><a href="/${locale}">${escapeHtml(t.done)}</a></p>`,
  );
}

/**
 * A report form sent again after it was stored (a reload of the receipt page resends it, without
 * JavaScript): the same words as the form's own notice, answered by proxy.ts before Next.js
 * renders the whole page for it.
 */
export function alreadySentPage(locale: Locale): string {
  const { ReportForm: t } = catalogs[locale];
  return page(
    locale,
    t.title,
    `<p role="status">${escapeHtml(t.duplicate)}</p>
<p><a href="/${locale}/report">${escapeHtml(t.newReport)}</a></p>`,
  );
}

function page(locale: Locale, title: string, main: string): string {
  const { Layout: layout } = catalogs[locale];
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
${main}
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
