import { getFormatter, getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import { Link } from "@/lib/i18n/navigation";
import type { ReportStatus } from "@/lib/generated/prisma/enums";
import { manyReports } from "@/lib/links/list-links";
import { loadLinksPanel } from "@/lib/links/load-links-panel";
import { AddIdentifierForm, DecideLinkForm, RouteGroupForm } from "./link-forms";

type Org = { id: string; name: string };

/**
 * "Possibly linked reports": other reports in the caller's scope that share an identifier's blind
 * index with this one (lib/links). Triage confirms or dismisses each, adds an identifier by hand,
 * and routes a confirmed group together. An identifier shared by too many reports to be a lead is
 * named by its kind in one line instead of listing them.
 */
export async function LinksPanel({
  reportId,
  status,
  user,
  organizations,
}: {
  reportId: string;
  status: ReportStatus;
  user: StaffUser;
  organizations: Org[];
}) {
  const t = await getTranslations("Links");
  const tt = await getTranslations("Triage");
  const format = await getFormatter();
  const { links, sharedByMany, waiting, group } = await loadLinksPanel(reportId, status, user);
  const decides = can(user.role, "links.decide");
  const open = links.filter((link) => link.decision?.status !== "DISMISSED");
  const dismissed = links.filter((link) => link.decision?.status === "DISMISSED");

  const row = (link: (typeof links)[number]) => (
    <li key={link.reportId} className="space-y-1 py-2" data-testid="linked-report">
      <p className="flex flex-wrap items-baseline gap-x-3">
        <Link href={`/dashboard/reports/${link.reportId}`} className="font-semibold">
          {link.reference}
        </Link>
        <span>{tt(`statuses.${link.status}`)}</span>
        <span>{format.dateTime(link.createdAt, "stamp")}</span>
      </p>
      <p className="text-sm">
        {t("matchedBy")}: {link.kinds.map((kind) => t(`kinds.${kind}`)).join(", ")}
      </p>
      {link.decision && (
        <p className="text-sm" data-testid="link-decision">
          {t(link.decision.status === "CONFIRMED" ? "confirmedBy" : "dismissedBy", {
            name: link.decision.by ?? t("someone"),
            date: format.dateTime(link.decision.at, "stamp"),
          })}
        </p>
      )}
      {decides && (
        <DecideLinkForm
          reportId={reportId}
          otherReportId={link.reportId}
          current={link.decision?.status ?? null}
        />
      )}
    </li>
  );

  return (
    <section
      aria-labelledby="links-title"
      className="space-y-3 rounded-lg border border-slate-300 bg-white p-4"
      data-testid="links-panel"
    >
      <h2 id="links-title" className="text-xl font-bold">
        {t("title")}
      </h2>
      <p className="text-sm text-slate-700">{t(decides ? "introTriage" : "introStaff")}</p>
      {waiting && <p data-testid="links-waiting">{t("waiting")}</p>}
      {open.length ? (
        <ul className="divide-y divide-slate-200">{open.map(row)}</ul>
      ) : (
        <p>{t("none")}</p>
      )}
      {sharedByMany.length > 0 && (
        <ul className="space-y-1 text-sm text-slate-700" data-testid="links-shared-by-many">
          {sharedByMany.map((kind) => (
            <li key={kind}>
              {t("sharedByMany", { kind: t(`kinds.${kind}`), count: manyReports })}
            </li>
          ))}
        </ul>
      )}
      {dismissed.length > 0 && (
        <details>
          <summary className="cursor-pointer font-semibold">
            {t("dismissedTitle", { count: dismissed.length })}
          </summary>
          <ul className="divide-y divide-slate-200" data-testid="dismissed-links">
            {dismissed.map(row)}
          </ul>
        </details>
      )}
      {group.length > 0 && (
        <RouteGroupForm reportId={reportId} count={group.length} organizations={organizations} />
      )}
      {can(user.role, "links.index") && <AddIdentifierForm reportId={reportId} />}
    </section>
  );
}
