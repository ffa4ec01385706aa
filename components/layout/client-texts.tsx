import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { clientMessages, publicClientNamespaces } from "@/lib/i18n/client-messages";

/**
 * The texts reporter-side client components need (the forms), given only on pages that have one:
 * pages without a form then ship no i18n code and no messages to the browser at all.
 */
export async function ClientTexts({ children }: { children: ReactNode }) {
  return (
    <NextIntlClientProvider messages={await clientMessages(publicClientNamespaces)}>
      {children}
    </NextIntlClientProvider>
  );
}
