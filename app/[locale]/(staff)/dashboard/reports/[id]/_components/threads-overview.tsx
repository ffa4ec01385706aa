import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import type { ThreadActivity } from "@/lib/followup/threads";
import { hasLocale } from "next-intl";
import { routing } from "@/lib/i18n/routing";
import { organizationName } from "@/lib/organizations/list-organizations";

/**
 * Each organisation's conversation with the reporter as the caller may see it: triage (overview)
 * sees every thread's activity, never another organisation's words; org staff see their own. The
 * content of the readable thread is in the messages panel, not here.
 */
export async function ThreadsOverview({
  threads,
  user,
}: {
  threads: ThreadActivity[];
  user: StaffUser;
}) {
  if (threads.length === 0) return null;
  const overview = can(user.role, "threads.overview");
  const requested = await getLocale();
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  const t = await getTranslations("ThreadsOverview");
  const format = await getFormatter();
  return (
    <section aria-labelledby="threads-overview-title" className="space-y-2">
      <h2 id="threads-overview-title" className="text-xl font-bold">
        {t("title")}
      </h2>
      <p className="text-sm">{overview ? t("triageNote") : t("ownNote")}</p>
      <ul className="space-y-2" data-testid="threads-overview">
        {threads.map((thread) => (
          <li
            key={thread.organization.id}
            data-organization={thread.organization.slug}
            className="rounded-md border border-slate-300 p-3"
          >
            <p className="font-semibold">
              {organizationName(thread.organization, locale)}
              {!thread.readable && (
                <span className="ml-2 text-sm font-normal text-slate-700">
                  ({t("notReadable")})
                </span>
              )}
            </p>
            <p className="text-sm">
              {t("messages", { count: thread.messages })}
              {thread.unreadFromReporter > 0 &&
                ` · ${t("unread", { count: thread.unreadFromReporter })}`}
              {" · "}
              {thread.lastMessageAt
                ? t("lastMessage", { time: format.dateTime(thread.lastMessageAt, "stamp") })
                : t("noMessages")}
            </p>
            {thread.awaitingAnswer && (
              <p className="text-sm font-semibold text-red-800" data-testid="awaiting-answer">
                {t("awaitingAnswer")}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
