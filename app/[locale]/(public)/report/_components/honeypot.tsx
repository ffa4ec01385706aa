"use client";

import { useTranslations } from "next-intl";
import { honeypotField } from "../state";

/** A field hidden from people and assistive technology; bots fill it in (see report/actions.ts). */
export function Honeypot() {
  const t = useTranslations("ReportForm");
  return (
    <div className="absolute -left-[10000px] h-px w-px overflow-hidden" aria-hidden="true">
      <label htmlFor={honeypotField}>{t("honeypot")}</label>
      <input
        id={honeypotField}
        name={honeypotField}
        type="text"
        tabIndex={-1}
        autoComplete="off"
        defaultValue=""
      />
    </div>
  );
}
