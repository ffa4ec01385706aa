import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { CaseFileLink } from "@/components/staff/case-file-link";
import { ReportAnswers } from "@/components/staff/report-answers";
import { FilesPanel } from "@/components/staff/files-panel";
import { UrgencyBadge } from "@/components/staff/urgency-badge";
import { listAssignableColleagues } from "@/lib/assignment/assign";
import { can } from "@/lib/auth/permissions";
import { authorize } from "@/lib/auth/session";
import type { Locale } from "@/lib/i18n/routing";
import { getHolders } from "@/lib/assignment/holders";
import { AssignmentControl } from "./_components/assignment-control";
import { LinksPanel } from "./_components/links-panel";
import { MessagesPanel } from "./_components/messages-panel";
import { NotesPanel } from "./_components/notes-panel";
import { ReferralPanel } from "./_components/referral-panel";
import { RoutePanel } from "./_components/route-panel";
import { StatusPanel } from "./_components/status-panel";
import { ThreadsOverview } from "./_components/threads-overview";
import { listOrganizations, organizationName } from "@/lib/organizations/list-organizations";
import { isRouteReason, isUrgencyReason } from "@/lib/triage";
import { getReportForStaff } from "@/lib/reports/get-report";
import { heldKeysOfRequest } from "@/lib/keys/session-keys";
import { isUuid } from "@/lib/validation/uuid";

export default async function ReportPage({
  params,
}: {
  params: Promise<{ locale: Locale; id: string }>;
}) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const user = await authorize("reports.read.scoped");
  if (!user || !isUuid(id)) notFound();
  // Scope is in the query: a report outside the caller's scope is simply not found.
  const report = await getReportForStaff(id, user, await heldKeysOfRequest());
  if (!report) notFound();
  const t = await getTranslations("Triage");
  const sealed = await getTranslations("SealedReports");
  const format = await getFormatter();
  const th = await getTranslations("History");
  // Audit events in words; an event without a text of its own still shows, as "other event".
  const eventText = (action: string) => {
    const key = `events.${action}` as Parameters<typeof th>[0];
    return th.has(key) ? th(key) : th("events.unknown");
  };
  const organizations = can(user.role, "reports.route") ? await listOrganizations() : [];
  const holders = await getHolders(report.id, user);

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("detailTitle", { reference: report.reference })}</h1>
        <p className="flex flex-wrap items-center gap-3">
          <UrgencyBadge urgency={report.urgency} label={t(`urgencies.${report.urgency}`)} />
          <span data-testid="report-status">{t(`statuses.${report.status}`)}</span>
          <span>{format.dateTime(report.createdAt, "stamp")}</span>
        </p>
        {can(user.role, "reports.export") && <CaseFileLink reportId={report.id} locale={locale} />}
      </header>

      {/* On a desktop the decisions sit beside what the reporter said, so an officer reads and
          decides without scrolling between them; on a narrow screen they follow the answers. */}
      <div className="grid items-start gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(22rem,2fr)]">
        <div className="min-w-0 space-y-8" data-testid="report-answers-column">
          <section aria-labelledby="reasons-title" className="grid gap-4 sm:grid-cols-2">
            <div>
              <h2 id="reasons-title" className="font-bold">
                {t("urgencyReasons")}
              </h2>
              <ul className="list-disc pl-6">
                {report.urgencyReasons.length ? (
                  report.urgencyReasons.map((r) => (
                    <li key={r}>{isUrgencyReason(r) ? t(`reasons.${r}`) : r}</li>
                  ))
                ) : (
                  <li>{t("noReasons")}</li>
                )}
              </ul>
            </div>
            <div>
              <h2 className="font-bold">{t("routeReasons")}</h2>
              <ul className="list-disc pl-6">
                {report.routeReasons.map((r) => (
                  <li key={r}>{isRouteReason(r) ? t(`routeReasonsList.${r}`) : r}</li>
                ))}
              </ul>
            </div>
          </section>

          <ReportAnswers report={report} />

          <FilesPanel locale={locale} files={report.attachments} />

          <MessagesPanel
            reportId={report.id}
            canWrite={can(user.role, "messages.write")}
            messages={report.messages.map((m) => ({
              id: m.id,
              fromReporter: m.fromReporter,
              author: m.author?.name ?? null,
              body: m.body ?? sealed("fieldSealed"),
              createdAt: format.dateTime(m.createdAt, "stamp"),
              unread: m.fromReporter && !m.readAt,
              files: report.attachments.filter((file) => file.messageId === m.id).length,
            }))}
          />

          <NotesPanel
            reportId={report.id}
            canWrite={can(user.role, "notes.write")}
            notes={report.notes.map((n) => ({
              id: n.id,
              author: n.author.name,
              body: n.body ?? sealed("fieldSealed"),
              createdAt: format.dateTime(n.createdAt, "stamp"),
            }))}
          />

          {report.auditEvents && (
            <section aria-labelledby="history-title" className="space-y-2">
              <h2 id="history-title" className="text-xl font-bold">
                {t("history")}
              </h2>
              <ol className="space-y-1 text-sm">
                {report.auditEvents.map((event) => (
                  <li key={String(event.id)}>
                    <span className="font-mono">{format.dateTime(event.createdAt, "stamp")}</span> —{" "}
                    {eventText(event.action)}
                  </li>
                ))}
              </ol>
            </section>
          )}
        </div>

        <div className="min-w-0 space-y-8" data-testid="report-decisions-column">
          {can(user.role, "reports.assign") &&
            report.status !== "CLOSED" &&
            report.status !== "SPAM" && (
              <AssignmentControl
                subject="report"
                id={report.id}
                holder={holders.report}
                me={user.id}
                colleagues={await listAssignableColleagues("report", user)}
              />
            )}

          <ReferralPanel report={report} user={user} holders={holders} locale={locale} />

          {can(user.role, "reports.route") && (
            <>
              <RoutePanel
                reportId={report.id}
                status={report.status}
                suggested={report.suggestedRoute}
                reasons={report.routeReasons.map((r) =>
                  isRouteReason(r) ? t(`routeReasonsList.${r}`) : r,
                )}
                routed={report.referrals.map((r) => r.organizationId)}
                organizations={organizations.map((org) => ({
                  id: org.id,
                  slug: org.slug,
                  name: organizationName(org, locale),
                }))}
              />
              <StatusPanel reportId={report.id} status={report.status} />
            </>
          )}

          {can(user.role, "links.read") && (
            <LinksPanel
              reportId={report.id}
              status={report.status}
              user={user}
              organizations={organizations.map((org) => ({
                id: org.id,
                name: organizationName(org, locale),
              }))}
            />
          )}

          <ThreadsOverview threads={report.threads} user={user} />
        </div>
      </div>
    </div>
  );
}
