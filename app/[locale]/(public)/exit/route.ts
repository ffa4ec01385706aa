import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { endReporterSession, reporterCookie } from "@/lib/followup/reporter-session";
import { quickExitUrl } from "@/lib/http/quick-exit-url";
import { describeError, log } from "@/lib/log";

// The quick exit's own address. Without JavaScript the "leave" link comes here; with it, the page
// leaves at once for the neutral site and sends a beacon here as it goes. Either way the report
// opened on /follow-up closes on the server, so whoever picks up the phone next is asked for the
// code. Nothing here can fail the exit: whatever happens, the answer sends the person away.
//
// Clear-Site-Data names the cache (the site's own scripts and fonts would show it was visited)
// and storage, not "cookies": that would clear every cookie of the whole registrable domain the
// site is deployed under, not just ours. Our two cookies are deleted by name instead.

const localeCookie = "NEXT_LOCALE";

async function endEverything(): Promise<void> {
  try {
    const jar = await cookies();
    await endReporterSession(jar.get(reporterCookie)?.value);
    jar.delete(reporterCookie);
    jar.delete(localeCookie);
  } catch (error) {
    log.error("quickExit.failed", describeError(error));
  }
}

const leavingHeaders = {
  "Cache-Control": "no-store, max-age=0",
  "Clear-Site-Data": '"cache", "storage"',
  "Referrer-Policy": "no-referrer",
};

export async function GET() {
  await endEverything();
  return new NextResponse(null, {
    status: 303,
    headers: { ...leavingHeaders, Location: quickExitUrl() },
  });
}

/** The beacon sent by the page as it leaves (navigator.sendBeacon posts). */
export async function POST() {
  await endEverything();
  return new NextResponse(null, { status: 204, headers: leavingHeaders });
}
