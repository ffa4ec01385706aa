import "../globals.css";
import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { hasLocale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { titleTemplate } from "@/lib/i18n/page-title";
import { routing } from "@/lib/i18n/routing";
import { ErrorContent } from "@/components/errors/error-content";
import { ErrorFallbackProvider } from "@/components/errors/error-fallback";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ locale: string }>;
}): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: "Metadata" });
  return {
    title: { default: t("title"), template: titleTemplate },
    description: t("description"),
    referrer: "same-origin",
    robots: { index: true, follow: true },
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function LocaleLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  // Every page is rendered per request: the CSP nonce differs each time and nothing is cached.
  await connection();
  setRequestLocale(locale);
  const t = await getTranslations("Layout");

  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col font-sans">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-3"
        >
          {t("skipToContent")}
        </a>
        {/* The frame (header, <main id="main">, footer) is the route group's: reporters' pages
            (public) and the staff workspace (staff) have different ones. No i18n provider here:
            pages with client-side forms add their texts (ClientTexts, the staff layout), so pages
            without one ship no i18n code to the browser. */}
        <ErrorFallbackProvider fallback={<ErrorContent kind="failed" />}>
          {children}
        </ErrorFallbackProvider>
      </body>
    </html>
  );
}
