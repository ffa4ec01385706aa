import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { describeError, log } from "@/lib/log";
import { sendMail } from "./send-mail";
import { oneTimeTemplates, renderTemplate, type TemplateName } from "./templates";

// The outbox: notices are rows written in the same transaction as the change they announce; this
// worker sends them. Rows are claimed with FOR UPDATE SKIP LOCKED inside a transaction that lasts
// until the send is recorded, so two workers (two app instances) never send the same row, and a
// failed send is retried with exponential backoff (30 s, 1 min, 2 min … capped at 1 hour).

type Client = Pick<typeof db, "outboxEmail">;

export type OutboxMessage = {
  to: string;
  template: TemplateName;
  locale: string;
  data: Record<string, string>;
};

export async function enqueueEmails(messages: OutboxMessage[], client: Client = db): Promise<void> {
  if (messages.length === 0) return;
  await client.outboxEmail.createMany({
    data: messages.map((m) => ({ ...m, data: m.data as Prisma.InputJsonValue })),
  });
}

function backoffSeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

/** Sends what is due, one row per transaction. Returns how many were sent. */
export async function drainOutbox({ limit = 20 } = {}): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < limit; i++) {
    const outcome = await db.$transaction(
      async (tx) => {
        const [row] = await tx.$queryRaw<
          {
            id: string;
            to: string;
            template: string;
            locale: string;
            data: Record<string, string>;
            attempts: number;
          }[]
        >`
          SELECT id, "to", template, locale, data, attempts FROM "OutboxEmail"
          WHERE "sentAt" IS NULL AND "nextAttemptAt" <= now()
          ORDER BY "nextAttemptAt" LIMIT 1 FOR UPDATE SKIP LOCKED`;
        if (!row) return "empty" as const;
        try {
          await sendMail({
            to: row.to,
            ...renderTemplate(row.template as TemplateName, row.locale, row.data),
          });
          await tx.outboxEmail.update({
            where: { id: row.id },
            data: {
              sentAt: new Date(),
              attempts: row.attempts + 1,
              lastError: null,
              // An invitation's link is a credential: kept in the database only until it is sent.
              ...(oneTimeTemplates.has(row.template as TemplateName) ? { data: {} } : {}),
            },
          });
          return "sent" as const;
        } catch (error) {
          const { errorName, errorCode } = describeError(error);
          await tx.outboxEmail.update({
            where: { id: row.id },
            data: {
              attempts: row.attempts + 1,
              nextAttemptAt: new Date(Date.now() + backoffSeconds(row.attempts + 1) * 1000),
              lastError: [errorName, errorCode].filter(Boolean).join(" "),
            },
          });
          return "failed" as const;
        }
      },
      { timeout: 60_000 },
    );
    if (outcome === "empty") break;
    if (outcome === "sent") sent++;
    else failed++;
  }
  if (failed) log.warn("outbox.sendFailed", { failed });
  return { sent, failed };
}

/** Unsent mail and the age of the oldest, for the health endpoint. */
export async function outboxStatus(): Promise<{ backlog: number; oldestPendingSeconds: number }> {
  const [row] = await db.$queryRaw<{ pending: bigint; oldest: Date | null }[]>`
    SELECT count(*) AS pending, min("createdAt") AS oldest FROM "OutboxEmail" WHERE "sentAt" IS NULL`;
  return {
    backlog: Number(row?.pending ?? 0),
    oldestPendingSeconds: row?.oldest ? Math.round((Date.now() - row.oldest.getTime()) / 1000) : 0,
  };
}

let timer: NodeJS.Timeout | undefined;

/** Started once per server process (instrumentation.ts). */
export function startOutboxWorker(
  intervalMs = Number(process.env.OUTBOX_INTERVAL_MS ?? 5000),
): void {
  if (timer) return;
  let running = false;
  timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await drainOutbox();
    } catch (error) {
      log.warn("outbox.unavailable", describeError(error));
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
}
