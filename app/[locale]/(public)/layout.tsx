import type { ReactNode } from "react";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";

// The reporters' frame: the quick exit and their menu on every page, in a phone-width column.
export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader />
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-3xl grow px-4 pt-4 pb-6 sm:py-10"
      >
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
