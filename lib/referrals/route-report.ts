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
import type { OrganizationKeyPair } from "@/lib/keys/organization-keys";
import { contentKeyForWriting, sealedReportKey } from "@/lib/reports/report-keys";

export type RouteResult =
  | { status: "routed"; referralIds: string[] }
  /** noKeys: an organisation has no key to seal to; sealed: the officer's keys do not open it. */
  | { status: "notFound" | "notAllowed" | "alreadyRouted" | "noKeys" | "sealed" };

/**
 * Routes a report to organisations. One transaction writes the referrals, the report's content
 * key sealed to each organisation's current public key, the status change, the audit event and
 * the notices: if any part fails, none of it happened. A report already routed to one of the
 * organisations is refused as a whole. The content key is opened with the officer's session keys
 * (`keys`); a report stored before sealed reports (no sealed key) routes as before.
 */
export async function routeReport(options: {
  reportId: string;
  organizationIds: string[];
  note?: string;
  officerId: string;
  keys: OrganizationKeyPair[];
}): Promise<RouteResult> {
  const organizationIds = [...new Set(options.organizationIds)];
  const receivingKeys = await db.organizationKey.findMany({
    where: { organizationId: { in: organizationIds }, retiredAt: null },
    select: { id: true, publicKey: true },
  });
  if (receivingKeys.length !== organizationIds.length) return { status: "noKeys" };
  const content = await contentKeyForWriting(options.reportId, options.keys);
  if (content.sealed && !content.key) return { status: "sealed" };
  const contentKey = content.sealed ? content.key : null;
  const reportKeys = contentKey
    ? await Promise.all(
        receivingKeys.map((key) => sealedReportKey(options.reportId, contentKey, key)),
      )
    : [];
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
            note: options.note
              ? encryptText(options.note, rowAad("Referral", "note", id), contentKey ?? undefined)
              : null,
          },
          select: { id: true },
        });
        referralIds.push(id);
      }
      // Routing to the police themselves finds their key already there.
      if (reportKeys.length)
        await tx.reportKey.createMany({ data: reportKeys, skipDuplicates: true });
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
