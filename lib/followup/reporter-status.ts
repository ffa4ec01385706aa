import "server-only";
import { db } from "@/lib/db";
import type { Locale } from "@/lib/i18n/routing";
import { organizationName } from "@/lib/organizations/list-organizations";

// What the reporter is told about their report, truthfully and in their language: received,
// being looked at, passed to <organisations>, closed. Spam is "closed" to them: telling a sender
// their report was judged spam helps no honest reporter and teaches a dishonest one.

type ReporterStatus = "received" | "beingLookedAt" | "passedOn" | "closed";

const statusFor: Record<string, ReporterStatus> = {
  NEW: "received",
  IN_TRIAGE: "beingLookedAt",
  REFERRED: "passedOn",
  CLOSED: "closed",
  SPAM: "closed",
};

/**
 * The reporter's status of a report. `passedTo` names, while the report is passed on, every
 * organisation it was routed to (in routing order) and whether each has finished with it.
 */
export async function getReporterStatus(reportId: string, locale: Locale) {
  const report = await db.report.findUniqueOrThrow({
    where: { id: reportId },
    select: {
      status: true,
      referrals: {
        orderBy: { createdAt: "asc" },
        select: {
          closedAt: true,
          organization: { select: { slug: true, nameSl: true, nameEn: true, nameUk: true } },
        },
      },
    },
  });
  const status = statusFor[report.status] ?? "received";
  return {
    status,
    closed: status === "closed",
    passedTo:
      status === "passedOn"
        ? report.referrals.map((referral) => ({
            slug: referral.organization.slug,
            name: organizationName(referral.organization, locale),
            finished: referral.closedAt !== null,
          }))
        : [],
  };
}
