import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { StaffHeader } from "./_components/staff-header";
import { getStaffSession } from "@/lib/auth/session";
import { clientMessages, staffClientNamespaces } from "@/lib/i18n/client-messages";

// The staff workspace's frame (sign-in and the dashboard): its own header and a desktop width.
// Staff pages get the staff texts their client components need; reporter pages never do.
export default async function StaffLayout({ children }: { children: ReactNode }) {
  return (
    <NextIntlClientProvider messages={await clientMessages(staffClientNamespaces)}>
      <StaffHeader session={await getStaffSession()} />
      <main id="main" tabIndex={-1} className="staff-frame grow pt-4 pb-10 sm:pt-6">
        {children}
      </main>
    </NextIntlClientProvider>
  );
}
