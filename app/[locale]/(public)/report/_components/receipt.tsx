"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { ReflectionPeriod } from "@/components/help/reflection-period";
import { Button } from "@/components/ui/button";
import { pageTitle } from "@/lib/i18n/page-title";
import { DangerAlert } from "@/components/report/danger-alert";

/**
 * The receipt, shown once. It lives only in this response: never in a URL, never stored. "Finish"
 * asks for confirmation that it was written down; nothing else may hold the person here (no
 * `beforeunload`): the quick exit must always leave at once.
 */
export function Receipt({
  receipt,
  immediateDanger,
  filesLater,
  happeningToReporter,
  homePath,
}: {
  receipt: string;
  immediateDanger: boolean;
  filesLater: boolean;
  happeningToReporter?: boolean;
  homePath: string;
}) {
  const t = useTranslations("Receipt");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [showReminder, setShowReminder] = useState(false);
  // Without JavaScript the browser enforces `required`; with it, our own localized reminder does.
  const enhanced = useHydrated();

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <section aria-labelledby="receipt-title" className="space-y-6">
      {/* React moves this into <head>: the tab and the history entry say what this page now is. */}
      <title>{pageTitle(t("pageTitle"))}</title>
      <h1
        id="receipt-title"
        ref={headingRef}
        tabIndex={-1}
        className="text-2xl font-bold sm:text-3xl"
      >
        {t("title")}
      </h1>
      {immediateDanger && <DangerAlert />}
      <div className="rounded-lg border-2 border-teal-800 bg-white p-4 sm:p-6">
        <p className="font-semibold">{t("codeLabel")}</p>
        <p
          className="mt-2 font-mono text-2xl font-bold tracking-wider break-words sm:text-3xl"
          data-testid="receipt-code"
          translate="no"
        >
          {receipt}
        </p>
      </div>
      {filesLater && (
        <p
          role="status"
          className="rounded-md border-2 border-amber-700 bg-amber-50 p-3 font-semibold text-amber-950"
          data-testid="files-later"
        >
          {t("filesLater")}
        </p>
      )}
      <p className="text-lg">{t("instructions")}</p>
      <p className="font-semibold">{t("safetyNote")}</p>

      {/* A plain GET to the home page: the browser itself enforces the required checkbox without JavaScript. */}
      <form
        action={homePath}
        method="get"
        noValidate={enhanced}
        className="space-y-4"
        onSubmit={(event) => {
          if (!confirmed) {
            event.preventDefault();
            setShowReminder(true);
          }
        }}
      >
        <div className="choice max-w-xl">
          <input
            id="receipt-confirm"
            type="checkbox"
            required
            className="choice-input"
            aria-describedby={showReminder ? "receipt-reminder" : undefined}
            onChange={(event) => setConfirmed(event.target.checked)}
          />
          <label htmlFor="receipt-confirm" className="choice-label font-semibold">
            {t("confirm")}
          </label>
        </div>
        {showReminder && (
          <p id="receipt-reminder" role="alert" className="font-semibold text-red-800">
            {t("leaveWarning")}
          </p>
        )}
        <Button type="submit">{t("done")}</Button>
      </form>

      <section aria-labelledby="what-next-title" className="space-y-2">
        <h2 id="what-next-title" className="text-xl font-bold">
          {t("whatNextTitle")}
        </h2>
        <p>{t("whatNext")}</p>
      </section>

      {/* Someone it is happening to may be a foreign victim afraid of being sent away: the 90 days are theirs. */}
      {happeningToReporter && (
        <ReflectionPeriod title={t("reflectionTitle")} text={t("reflectionText")} />
      )}
    </section>
  );
}
