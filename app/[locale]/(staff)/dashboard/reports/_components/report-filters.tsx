import { getTranslations } from "next-intl/server";
import { TriState } from "@/lib/generated/prisma/enums";
import { firstValue as one, type SearchParams } from "@/lib/http/search-params";
import { Link } from "@/lib/i18n/navigation";
import { locales } from "@/lib/i18n/routing";
import { urgencyOrder } from "@/lib/reports/list-reports";
import { statuses } from "@/lib/triage/status";
import { allExploitationForms } from "@/lib/validation/report";

export const tri = Object.values(TriState);

/** The triage list's filters: a plain GET form, so they work without JavaScript and can be linked. */
export async function ReportFilters({ search }: { search: SearchParams }) {
  const t = await getTranslations("Triage");
  const tf = await getTranslations("ReportForm.forms.options");
  const tl = await getTranslations("LanguageSwitcher");
  const td = await getTranslations("Deadlines");
  const ta = await getTranslations("Assignment");

  const select = <T extends string>(
    name: string,
    label: string,
    options: readonly T[],
    text: (value: T) => string,
    anyLabel = t("any"),
  ) => (
    <label className="block text-sm font-semibold">
      {label}
      <select name={name} defaultValue={one(search[name]) ?? ""} className="text-input mt-1">
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {text(option)}
          </option>
        ))}
      </select>
    </label>
  );
  const checkbox = (name: string, label: string) => (
    <label className="choice flex items-center gap-2 font-semibold">
      <input
        type="checkbox"
        name={name}
        value="1"
        defaultChecked={one(search[name]) === "1"}
        className="h-5 w-5 accent-teal-800"
      />
      {label}
    </label>
  );
  const field = (name: string, label: string, type: "date" | "text", placeholder?: string) => (
    <label className="block text-sm font-semibold">
      {label}
      <input
        type={type}
        name={name}
        defaultValue={one(search[name])}
        placeholder={placeholder}
        className="text-input mt-1"
      />
    </label>
  );

  return (
    <form
      method="get"
      className="grid gap-3 rounded-lg border border-slate-300 bg-white p-4 sm:grid-cols-4 xl:grid-cols-8"
      aria-label={t("filters")}
    >
      {select("status", t("status"), statuses, (s) => t(`statuses.${s}`), t("openStatuses"))}
      {select("urgency", t("urgency"), urgencyOrder, (u) => t(`urgencies.${u}`))}
      {select("form", t("form"), allExploitationForms, (f) => tf(f))}
      {select("minors", t("minors"), tri, (v) => t(`tri.${v}`))}
      {select("locale", t("locale"), locales, (l) => tl(l))}
      {field("from", t("from"), "date")}
      {field("to", t("to"), "date")}
      {field("reference", t("reference"), "text", "TR-2026-00042")}
      <div className="flex flex-wrap items-center gap-x-6 gap-y-3 sm:col-span-4 xl:col-span-8">
        {checkbox("overdue", td("filterOverdue"))}
        {checkbox("mine", ta("filterMine"))}
        <button
          type="submit"
          className="min-h-11 rounded-md bg-teal-800 px-4 font-semibold text-white"
        >
          {t("applyFilters")}
        </button>
        <Link href="/dashboard/reports" className="inline-flex min-h-11 items-center">
          {t("clearFilters")}
        </Link>
      </div>
    </form>
  );
}
