import { db } from "@/lib/db";

// Liveness, database reachability and the e-mail backlog, for Docker and monitoring. No secrets,
// no counts of reports.
export async function GET() {
  let database: "ok" | "unavailable" = "ok";
  let outboxBacklog: number | null = null;
  let oldestPendingSeconds: number | null = null;
  try {
    const [row] = await db.$queryRaw<{ pending: bigint; oldest: Date | null }[]>`
      SELECT count(*) AS pending, min("createdAt") AS oldest FROM "OutboxEmail" WHERE "sentAt" IS NULL`;
    outboxBacklog = Number(row?.pending ?? 0);
    oldestPendingSeconds = row?.oldest ? Math.round((Date.now() - row.oldest.getTime()) / 1000) : 0;
  } catch {
    database = "unavailable";
  }
  return Response.json(
    { status: database === "ok" ? "ok" : "degraded", database, outbox: { backlog: outboxBacklog, oldestPendingSeconds } },
    { status: database === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
