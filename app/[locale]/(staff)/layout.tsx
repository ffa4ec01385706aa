import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { clientMessages, staffClientNamespaces } from "@/lib/i18n/client-messages";

// Staff pages get the staff texts their client components need; reporter pages never do.
export default async function StaffLayout({ children }: { children: ReactNode }) {
  return (
    <NextIntlClientProvider messages={await clientMessages(staffClientNamespaces)}>
      {children}
    </NextIntlClientProvider>
  );
}
