import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { rowAad } from "@/lib/crypto/encrypted-fields";
import { encryptText } from "@/lib/crypto/encryption";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { appUrl } from "@/lib/config";
import { mailPath, supportedLocale } from "@/lib/i18n/routing";
import { enqueueEmails } from "@/lib/mail/outbox";
import { statusesAllowing } from "@/lib/triage/status";

export type RouteResult =
  | { status: "routed"; referralIds: string[] }
  | { status: "notFound" | "notAllowed" | "alreadyRouted" };

/**
 * Routes a report to organisations. One transaction writes the referrals, the status change, the
 * audit event and the notices: if any part fails, none of it happened. A report already routed
 * to one of the organisations is refused as a whole.
 */
export async function routeReport(options: {
  reportId: string;
  organizationIds: string[];
  note?: string;
  officerId: string;
}): Promise<RouteResult> {
  const organizationIds = [...new Set(options.organizationIds)];
  try {
    return await db.$transaction(async (tx) => {
      const moved = await tx.report.updateMany({
        where: { id: options.reportId, status: { in: statusesAllowing("REFERRED") } },
        data: { status: "REFERRED" },
      });
      if (moved.count !== 1) {
        const exists = await tx.report.count({ where: { id: options.reportId } });
        return { status: exists ? "notAllowed" : "notFound" } as const;
      }
      const referralIds: string[] = [];
      for (const organizationId of organizationIds) {
        const id = crypto.randomUUID();
        await tx.referral.create({
          data: {
            id,
            reportId: options.reportId,
            organizationId,
            routedById: options.officerId,
            note: options.note ? encryptText(options.note, rowAad("Referral", "note", id)) : null,
          },
          select: { id: true },
        });
        referralIds.push(id);
      }
      await recordAudit(
        {
          action: "report.routed",
          actorKind: "STAFF",
          actorId: options.officerId,
          reportId: options.reportId,
          detail: { organizationIds },
        },
        tx,
      );
      const recipients = await tx.organization.findMany({
        where: { id: { in: organizationIds } },
        select: {
          notificationEmail: true,
          staff: { where: { disabled: false }, select: { email: true, locale: true } },
        },
      });
      await enqueueEmails(
        recipients
          .flatMap((org) => [
            ...(org.notificationEmail ? [{ to: org.notificationEmail, locale: "sl" }] : []),
            ...org.staff.map((person) => ({ to: person.email, locale: person.locale })),
          ])
          .map((recipient) => ({
            ...recipient,
            template: "referral" as const,
            data: {
              link: `${appUrl()}${mailPath("/dashboard/referrals", supportedLocale(recipient.locale))}`,
            },
          })),
        tx,
      );
      return { status: "routed", referralIds } as const;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return { status: "alreadyRouted" };
    throw error;
  }
}
