import { cookies } from "next/headers";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { ClientTexts } from "@/components/layout/client-texts";
import { ReceiptEntryForm } from "./_components/receipt-entry-form";
import { ReplyForm } from "./_components/reply-form";
import { EmergencyNumbers } from "@/components/help/emergency-numbers";
import { telHref } from "@/components/help/phone-numbers";
import { Button } from "@/components/ui/button";
import { asFormAction } from "@/components/ui/form-action";
import { getReporterView } from "@/lib/followup/messages";
import { reporterCookie, resolveReporterSession } from "@/lib/followup/reporter-session";
import type { Locale } from "@/lib/i18n/routing";
import { leaveFollowUpAction } from "./actions";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "FollowUp" }))("title") };
}

const leave = asFormAction(leaveFollowUpAction);

export default async function FollowUpPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ sent?: string }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("FollowUp");
  const format = await getFormatter();
  const session = await resolveReporterSession((await cookies()).get(reporterCookie)?.value);

  if (!session) {
    return (
      <div className="max-w-xl space-y-6">
        <h1 className="text-2xl font-bold sm:text-3xl">{t("title")}</h1>
        <p>{t("intro")}</p>
        <ClientTexts>
          <ReceiptEntryForm />
        </ClientTexts>
        <EmergencyNumbers />
      </div>
    );
  }

  const view = await getReporterView(session.reportId, locale, session.reporterKey);
  const { sent } = await searchParams;
  // Truthful and specific: while passed on, the reporter is told to whom.
  const status =
    view.status === "passedOn" && view.passedTo.length > 0
      ? t("status.passedTo", { names: format.list(view.passedTo.map((org) => org.name)) })
      : t(`status.${view.status}`);
  const conversations = view.threads.map(({ organization, messages }) => (
    <Conversation
      key={organization.id}
      organization={organization}
      messages={messages}
      closed={view.closed}
      locale={locale}
    />
  ));
  // One set of form texts for all the reply forms (none once closed: no form is shown).
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h1 className="text-2xl font-bold sm:text-3xl">{t("yourReport")}</h1>
        <form action={leave}>
          <Button type="submit" variant="secondary">
            {t("leave")}
          </Button>
        </form>
      </div>
      <section
        aria-labelledby="status-title"
        className="rounded-lg border-2 border-teal-800 bg-white p-4"
      >
        <h2 id="status-title" className="font-semibold">
          {t("statusLabel")}
        </h2>
        <p className="text-lg" data-testid="reporter-status">
          {status}
        </p>
      </section>
      {sent && (
        <p role="status" className="rounded-md bg-teal-50 p-3 font-semibold text-teal-950">
          {t(sent === "filesLater" ? "sentFilesLater" : "sent")}
        </p>
      )}
      <h2 className="text-xl font-bold">{t("messagesTitle")}</h2>
      {view.threads.length > 1 && <p>{t("conversationsIntro")}</p>}
      {view.messages.length === 0 && <p>{t("noMessages")}</p>}
      {view.closed ? conversations : <ClientTexts>{conversations}</ClientTexts>}
    </div>
  );
}

type ReporterThread = Awaited<ReturnType<typeof getReporterView>>["threads"][number];

/** One organisation's conversation: who they are and how to call them, what was said, a reply. */
async function Conversation({
  organization,
  messages,
  closed,
  locale,
}: ReporterThread & { closed: boolean; locale: Locale }) {
  const t = await getTranslations("FollowUp");
  const ta = await getTranslations("Attachments");
  const format = await getFormatter();
  const titleId = `thread-${organization.slug}-title`;
  return (
    <section
      aria-labelledby={titleId}
      data-organization={organization.slug}
      className="space-y-3 rounded-lg border border-slate-300 p-4"
    >
      <h3 id={titleId} className="text-lg font-bold">
        {t("conversationWith", { name: organization.name })}
      </h3>
      {(organization.phones.length > 0 || organization.website) && (
        <ul className="space-y-1 text-sm">
          {organization.phones.map((phone) => (
            <li key={phone.number}>
              {t("contactPhone")}:{" "}
              <a href={telHref(phone.number)} className="font-bold whitespace-nowrap">
                {phone.number}
              </a>
              {phone.hours && ` (${phone.hours[locale]})`}
            </li>
          ))}
          {organization.website && (
            <li>
              {t("contactWebsite")}:{" "}
              {/* noreferrer: the organisation's site is not told that the visitor came from here. */}
              <a href={organization.website} rel="noopener noreferrer" className="underline">
                {organization.website.replace(/^https?:\/\//, "").replace(/\/$/, "")}
              </a>
            </li>
          )}
        </ul>
      )}
      {messages.length === 0 ? (
        <p>{t("noThreadMessages", { name: organization.name })}</p>
      ) : (
        <ol className="space-y-3" data-testid="reporter-thread">
          {messages.map((message) => (
            <li
              key={message.id}
              className={`rounded-lg border p-3 ${message.fromReporter ? "ml-6 border-slate-300 bg-white" : "mr-6 border-teal-800 bg-teal-50"}`}
            >
              <p className="text-sm font-semibold">
                {message.fromReporter ? t("fromYou") : organization.name} ·{" "}
                {format.dateTime(message.createdAt, "stamp")}
              </p>
              {message.body && <p className="whitespace-pre-wrap">{message.body}</p>}
              {message.files.length > 0 && (
                <p className="text-sm" data-testid="reporter-files">
                  {ta("sentFiles", {
                    count: message.files.length,
                    names: message.files.map((file) => file.name).join(", "),
                  })}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {!closed && (
        <ReplyForm
          organizationId={organization.id}
          organizationName={organization.name}
          idPrefix={`reply-${organization.slug}-`}
        />
      )}
    </section>
  );
}
