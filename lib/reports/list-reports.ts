import "server-only";
import { db } from "@/lib/db";
import { triageOrganizationSlug } from "@/lib/followup/threads";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ReportStatus } from "@/lib/triage/status";
import { decodeCursor, encodeCursor, urgencyOrder } from "./list-cursor";
import { parseReference } from "./reference";

// The triage list: most urgent first, then oldest first. Keyset pagination on
// (urgency, createdAt, id), backed by the index of the same columns, stays fast at any depth.

export type ReportFilters = {
  status?: ReportStatus;
  urgency?: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW";
  form?: string;
  minors?: "YES" | "NO" | "UNKNOWN";
  locale?: string;
  from?: Date;
  to?: Date;
  reference?: string;
  /** Only these reports (the filter "overdue": the ids lib/deadlines/overdue.ts found). */
  ids?: string[];
  /** Only reports this person holds (the filter "assigned to me"). */
  assigneeId?: string;
};

export { urgencyOrder } from "./list-cursor";
const pageSize = 50;

export async function listReports(filters: ReportFilters, cursorValue?: string) {
  const where: Prisma.ReportWhereInput = {
    status: filters.status ?? { in: ["NEW", "IN_TRIAGE", "REFERRED"] },
    urgency: filters.urgency,
    forms: filters.form ? { has: filters.form } : undefined,
    minors: filters.minors,
    locale: filters.locale,
    createdAt: filters.from || filters.to ? { gte: filters.from, lte: filters.to } : undefined,
    id: filters.ids ? { in: filters.ids } : undefined,
    assigneeId: filters.assigneeId,
  };
  if (filters.reference) {
    const number = parseReference(filters.reference);
    where.number = number ?? -1;
  }
  const cursor = decodeCursor(cursorValue);
  if (cursor) {
    const after = urgencyOrder.slice(urgencyOrder.indexOf(cursor.urgency) + 1);
    const createdAt = new Date(cursor.createdAt);
    where.AND = [
      {
        OR: [
          { urgency: { in: [...after] } },
          { urgency: cursor.urgency, createdAt: { gt: createdAt } },
          { urgency: cursor.urgency, createdAt, id: { gt: cursor.id } },
        ],
      },
    ];
  }
  const rows = await db.report.findMany({
    where,
    orderBy: [{ urgency: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    take: pageSize + 1,
    select: {
      id: true,
      number: true,
      status: true,
      urgency: true,
      forms: true,
      minors: true,
      locale: true,
      createdAt: true,
      suggestedRoute: true,
      assignee: { select: { id: true, name: true } },
      // Unread in the triage (police) thread: other organisations' threads are theirs to read.
      _count: {
        select: {
          referrals: true,
          messages: {
            where: {
              fromReporter: true,
              readAt: null,
              organization: { slug: triageOrganizationSlug },
            },
          },
        },
      },
    },
  });
  const page = rows.slice(0, pageSize);
  return { rows: page, next: rows.length > pageSize ? encodeCursor(page[page.length - 1]!) : null };
}
