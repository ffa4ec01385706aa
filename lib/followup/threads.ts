import "server-only";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

// One conversation with the reporter per organisation: the police, for which triage works, and
// each organisation the report was routed to. A message's organizationId names its thread. Who
// reads which thread is decided in lib/auth/permissions.ts ("threads.*"); the rule lives in the
// filters below, so every query that reads or marks messages carries it in its WHERE.

/** Triage writes for the police: the police's thread is the triage thread. Slugs never change. */
export const triageOrganizationSlug = "police";

type Tx = Prisma.TransactionClient | typeof db;

/** The messages a staff member may read: their own organisation's thread, or nothing. */
export function ownThread(user: StaffUser): Prisma.MessageWhereInput {
  if (can(user.role, "threads.triage")) return { organization: { slug: triageOrganizationSlug } };
  if (can(user.role, "threads.own") && user.organizationId)
    return { organizationId: user.organizationId };
  return { id: { in: [] } };
}

/** The thread a staff member writes in, or null when they have none. */
export async function ownThreadOrganizationId(
  user: Pick<StaffUser, "role" | "organizationId">,
  tx: Tx = db,
) {
  if (can(user.role, "threads.triage"))
    return (
      (
        await tx.organization.findUnique({
          where: { slug: triageOrganizationSlug },
          select: { id: true },
        })
      )?.id ?? null
    );
  return can(user.role, "threads.own") ? user.organizationId : null;
}

/**
 * The organisations with a thread on this report: the police always (triage reads every report),
 * and each organisation the report was routed to. Police first, then in routing order.
 */
export function threadOrganizationsWhere(reportId: string): Prisma.OrganizationWhereInput {
  return { OR: [{ slug: triageOrganizationSlug }, { referrals: { some: { reportId } } }] };
}

export type ThreadActivity = {
  organization: { id: string; slug: string; nameSl: string; nameEn: string; nameUk: string };
  /** Whether the caller may read this thread's messages. */
  readable: boolean;
  messages: number;
  unreadFromReporter: number;
  lastMessageAt: Date | null;
  /** The reporter wrote last: an answer is owed. */
  awaitingAnswer: boolean;
};

/**
 * The threads of a report as a staff member sees them: their own, and for triage every thread's
 * activity (never its messages). The report's scope must already have been checked by the caller.
 */
export async function listThreadActivity(
  reportId: string,
  user: StaffUser,
  /** The caller's own thread, when already looked up (ownThreadOrganizationId). */
  ownOrganizationId?: string | null,
): Promise<ThreadActivity[]> {
  const overview = can(user.role, "threads.overview");
  const own =
    ownOrganizationId === undefined ? await ownThreadOrganizationId(user) : ownOrganizationId;
  const visible: Prisma.OrganizationWhereInput | null = overview ? {} : own ? { id: own } : null;
  if (!visible) return [];
  const organizations = await db.organization.findMany({
    where: { AND: [threadOrganizationsWhere(reportId), visible] },
    select: {
      id: true,
      slug: true,
      nameSl: true,
      nameEn: true,
      nameUk: true,
      referrals: { where: { reportId }, select: { createdAt: true } },
    },
  });
  const ids = organizations.map((org) => org.id);
  const [counts, unread, last] = await Promise.all([
    db.message.groupBy({
      by: ["organizationId"],
      where: { reportId, organizationId: { in: ids } },
      _count: { _all: true },
      _max: { createdAt: true },
    }),
    db.message.groupBy({
      by: ["organizationId"],
      where: { reportId, organizationId: { in: ids }, fromReporter: true, readAt: null },
      _count: { _all: true },
    }),
    db.message.findMany({
      where: { reportId, organizationId: { in: ids } },
      orderBy: [{ organizationId: "asc" }, { createdAt: "desc" }],
      distinct: ["organizationId"],
      select: { organizationId: true, fromReporter: true },
    }),
  ]);
  const order = (org: (typeof organizations)[number]) =>
    org.slug === triageOrganizationSlug ? 0 : (org.referrals[0]?.createdAt.getTime() ?? 1);
  return organizations
    .sort((a, b) => order(a) - order(b))
    .map(({ referrals: _referrals, ...organization }) => {
      const count = counts.find((row) => row.organizationId === organization.id);
      return {
        organization,
        readable: organization.id === own,
        messages: count?._count._all ?? 0,
        unreadFromReporter:
          unread.find((row) => row.organizationId === organization.id)?._count._all ?? 0,
        lastMessageAt: count?._max.createdAt ?? null,
        awaitingAnswer:
          last.find((row) => row.organizationId === organization.id)?.fromReporter ?? false,
      };
    });
}

/** A message as every reader gets it; the body is still encrypted (decrypt with its row's AAD). */
export const messageFields = {
  id: true,
  fromReporter: true,
  organizationId: true,
  body: true,
  createdAt: true,
} as const;
