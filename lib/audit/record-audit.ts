import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";

type AuditInput = {
  action: string;
  actorKind: "STAFF" | "SYSTEM" | "REPORTER";
  actorId?: string | null;
  reportId?: string | null;
  /** Small, non-sensitive facts only: never report content, receipts, passwords or addresses. */
  detail?: Prisma.InputJsonValue;
};

type Client = Pick<typeof db, "auditEvent">;

/** Appends an audit event (the app never updates or deletes them). Pass a transaction to join it. */
export async function recordAudit(input: AuditInput, client: Client = db): Promise<void> {
  await client.auditEvent.create({
    data: {
      action: input.action,
      actorKind: input.actorKind,
      actorId: input.actorId ?? null,
      reportId: input.reportId ?? null,
      detail: input.detail,
    },
    select: { id: true },
  });
}
