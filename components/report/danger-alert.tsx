"use client";

import { useTranslations } from "next-intl";
import { anonymousPoliceLine, emergencyNumber, telHref } from "@/components/help/phone-numbers";

/**
 * Shown as soon as someone answers that a person is in danger now. CSS reveals it without
 * JavaScript (see globals.css); with JavaScript, `live` also announces it to screen readers.
 */
export function DangerAlert({
  className = "",
  live = true,
}: {
  className?: string;
  live?: boolean;
}) {
  const t = useTranslations("Emergency");
  return (
    <div className={className}>
      <div
        role={live ? "alert" : undefined}
        className="rounded-md border-2 border-red-800 bg-red-50 p-4 text-red-950"
      >
        <p className="text-lg font-bold">{t("dangerTitle")}</p>
        <p className="mt-1">{t("dangerText")}</p>
        <p className="mt-2 flex flex-wrap gap-3">
          <a
            href={telHref(emergencyNumber)}
            className="inline-flex min-h-11 items-center rounded-md bg-red-800 px-4 font-bold text-white no-underline"
          >
            {emergencyNumber}
          </a>
          <a
            href={telHref(anonymousPoliceLine)}
            className="inline-flex min-h-11 items-center rounded-md border-2 border-red-800 px-4 font-bold text-red-900 no-underline"
          >
            {anonymousPoliceLine}
          </a>
        </p>
      </div>
    </div>
  );
}
