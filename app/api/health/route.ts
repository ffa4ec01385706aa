import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { outboxStatus } from "@/lib/mail/outbox";
import { findTriageOrganizationKey } from "@/lib/reports/report-keys";

// For Docker's healthcheck and monitoring: anyone learns only whether the app and its database
// answer ({"status":"ok"}, or 503). The mail backlog and its age would tell a watcher when reports
// are being routed, so the details go only to a signed-in administrator. Requests from loopback
// get nothing more: a route handler cannot see the socket, and Host and X-Forwarded-For are
// written by the client (and behind a local reverse proxy every request comes from loopback).
// `reporting` tells the administrator whether the form takes reports: "closed" until the police
// have made their keys (sealed reports, SECURITY.md).

const noStore = { "Cache-Control": "no-store" };

export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`;
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503, headers: noStore });
  }
  const admin = await authorize("health.details").catch(() => null);
  if (!admin) return Response.json({ status: "ok" }, { headers: noStore });
  try {
    return Response.json(
      {
        status: "ok",
        database: "ok",
        reporting: (await findTriageOrganizationKey()) ? "open" : "closed",
        outbox: await outboxStatus(),
      },
      { headers: noStore },
    );
  } catch {
    return Response.json(
      { status: "unavailable", database: "unavailable" },
      { status: 503, headers: noStore },
    );
  }
}
