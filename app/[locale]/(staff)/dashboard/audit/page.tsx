import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { listAudit } from "@/lib/audit/list-audit";
import { authorize } from "@/lib/auth/session";
import {
  firstValue as one,
  searchBigInt,
  searchDate,
  searchWithout,
} from "@/lib/http/search-params";
import { Link } from "@/lib/i18n/navigation";
import { openListPage, type ListPageProps } from "../_lib/list-page";
import { formatReference, parseReference } from "@/lib/reports/reference";

export default async function AuditPage(props: ListPageProps) {
  const { search } = await openListPage(props);
  if (!(await authorize("audit.read"))) notFound();
  const t = await getTranslations("Audit");
  const format = await getFormatter();
  const before = one(search.before);
  const { rows, next } = await listAudit(
    {
      action: one(search.action),
      actorEmail: one(search.actor),
      reportNumber: one(search.reference) ? parseReference(one(search.reference)!) : undefined,
      from: searchDate(one(search.from)),
      to: searchDate(one(search.to), true),
    },
    searchBigInt(before),
  );
  const query = searchWithout(search, "before");

  const field = (name: string, label: string, type = "text") => (
    <label className="block text-sm font-semibold">
      {label}
      <input name={name} type={type} defaultValue={one(search[name])} className="text-input mt-1" />
    </label>
  );
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <form
        method="get"
        className="grid gap-3 rounded-lg border border-slate-300 bg-white p-4 sm:grid-cols-5"
        aria-label={t("filters")}
      >
        {field("action", t("action"))}
        {field("actor", t("actor"), "email")}
        {field("reference", t("reference"))}
        {field("from", t("from"), "date")}
        {field("to", t("to"), "date")}
        <div className="sm:col-span-5">
          <button
            type="submit"
            className="min-h-11 rounded-md bg-teal-800 px-4 font-semibold text-white"
          >
            {t("apply")}
          </button>
        </div>
      </form>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm" data-testid="audit-list">
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className="p-2">
                {t("time")}
              </th>
              <th scope="col" className="p-2">
                {t("action")}
              </th>
              <th scope="col" className="p-2">
                {t("actor")}
              </th>
              <th scope="col" className="p-2">
                {t("reference")}
              </th>
              <th scope="col" className="p-2">
                {t("detail")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={String(row.id)} className="border-b border-slate-200 align-top">
                <td className="p-2 whitespace-nowrap">{format.dateTime(row.createdAt, "stamp")}</td>
                <td className="p-2 font-mono">{row.action}</td>
                <td className="p-2 break-all">
                  {row.actorEmail ?? t(`actorKinds.${row.actorKind}`)}
                </td>
                <td className="p-2 whitespace-nowrap">
                  {row.report ? formatReference(row.report.number, row.report.createdAt) : "—"}
                </td>
                <td className="p-2 font-mono text-xs break-all">
                  {row.detail ? JSON.stringify(row.detail) : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="flex gap-4" aria-label={t("title")}>
        {before && <Link href={`/dashboard/audit?${query}`}>{t("newest")}</Link>}
        {next && (
          <Link
            href={`/dashboard/audit?${new URLSearchParams([...query, ["before", String(next)]])}`}
          >
            {t("older")}
          </Link>
        )}
      </nav>
    </div>
  );
}
