import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditFilters = {
  action?: string;
  actorEmail?: string;
  reportNumber?: number | null;
  from?: Date;
  to?: Date;
};

/** The audit log, newest first, 100 a page, keyset on the id. Read-only: audit rows never change. */
export async function listAudit(filters: AuditFilters, before?: bigint) {
  const actor = filters.actorEmail
    ? await db.user.findUnique({
        where: { email: filters.actorEmail.toLowerCase() },
        select: { id: true },
      })
    : null;
  const where: Prisma.AuditEventWhereInput = {
    action: filters.action ? { startsWith: filters.action } : undefined,
    actorId: filters.actorEmail ? (actor?.id ?? "00000000-0000-0000-0000-000000000000") : undefined,
    report: filters.reportNumber ? { number: filters.reportNumber } : undefined,
    createdAt: filters.from || filters.to ? { gte: filters.from, lte: filters.to } : undefined,
    id: before ? { lt: before } : undefined,
  };
  const rows = await db.auditEvent.findMany({
    where,
    orderBy: { id: "desc" },
    take: 101,
    select: {
      id: true,
      action: true,
      actorKind: true,
      actorId: true,
      createdAt: true,
      detail: true,
      report: { select: { number: true, createdAt: true } },
    },
  });
  const actors = await db.user.findMany({
    where: {
      id: { in: [...new Set(rows.map((r) => r.actorId).filter((id): id is string => !!id))] },
    },
    select: { id: true, email: true },
  });
  const emails = new Map(actors.map((a) => [a.id, a.email]));
  const page = rows
    .slice(0, 100)
    .map((row) => ({ ...row, actorEmail: row.actorId ? (emails.get(row.actorId) ?? null) : null }));
  return { rows: page, next: rows.length > 100 ? page[page.length - 1]!.id : null };
}
