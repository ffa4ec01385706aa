import { outboxStatus } from "@/lib/mail/outbox";

// Liveness, database reachability and the e-mail backlog, for Docker and monitoring. No secrets,
// no counts of reports.
export async function GET() {
  try {
    const outbox = await outboxStatus();
    return Response.json({ status: "ok", database: "ok", outbox }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json(
      { status: "degraded", database: "unavailable", outbox: { backlog: null, oldestPendingSeconds: null } },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
