import { cookies } from "next/headers";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { ClientTexts } from "@/components/layout/client-texts";
import { ReceiptEntryForm } from "./_components/receipt-entry-form";
import { ReplyForm } from "./_components/reply-form";
import { EmergencyNumbers } from "@/components/help/emergency-numbers";
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
  const ta = await getTranslations("Attachments");
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

  const view = await getReporterView(session.reportId);
  const { sent } = await searchParams;
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
          {t(`status.${view.status}`)}
        </p>
      </section>
      {sent && (
        <p role="status" className="rounded-md bg-teal-50 p-3 font-semibold text-teal-950">
          {t(sent === "filesLater" ? "sentFilesLater" : "sent")}
        </p>
      )}
      <section aria-labelledby="thread-title" className="space-y-3">
        <h2 id="thread-title" className="text-xl font-bold">
          {t("messagesTitle")}
        </h2>
        {view.messages.length === 0 ? (
          <p>{t("noMessages")}</p>
        ) : (
          <ol className="space-y-3" data-testid="reporter-thread">
            {view.messages.map((message) => (
              <li
                key={message.id}
                className={`rounded-lg border p-3 ${message.fromReporter ? "ml-6 border-slate-300 bg-white" : "mr-6 border-teal-800 bg-teal-50"}`}
              >
                <p className="text-sm font-semibold">
                  {message.fromReporter ? t("fromYou") : t("fromHandlers")} ·{" "}
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
      </section>
      {!view.closed && (
        <ClientTexts>
          <ReplyForm />
        </ClientTexts>
      )}
    </div>
  );
}
