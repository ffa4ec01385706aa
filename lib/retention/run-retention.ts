import "server-only";
import { withAdvisoryLock } from "@/lib/jobs/advisory-lock";
import { purgeEndedReporterSessions } from "@/lib/followup/reporter-session";
import { describeError, log } from "@/lib/log";
import { purgeExpiredReports, type PurgeResult } from "./purge-reports";

/** One retention run, unless another process is running one right now. Logs counts only. */
export async function runRetention(): Promise<
  { ran: true; result: PurgeResult & { endedReporterSessions: number } } | { ran: false }
> {
  const began = performance.now();
  const outcome = await withAdvisoryLock("retention", async () => ({
    ...(await purgeExpiredReports()),
    endedReporterSessions: await purgeEndedReporterSessions(),
  }));
  if (outcome.ran) {
    log.info("retention.completed", {
      ...outcome.result,
      durationMs: Math.round(performance.now() - began),
    });
  } else {
    log.info("retention.skipped", { reason: "running elsewhere" });
  }
  return outcome;
}

const hourMs = 60 * 60 * 1000;
const state = globalThis as unknown as { retentionScheduled?: boolean };

/**
 * Runs retention hourly inside the server (started from instrumentation.ts). The first run waits a
 * minute so start-up stays fast; a database that is down makes a run fail and log, nothing more;
 * the next hour tries again. Timers are unref'd: they never keep a stopping server alive. Returns
 * a function that stops the schedule.
 */
export function scheduleRetention({ firstRunMs = 60_000, intervalMs = hourMs } = {}): () => void {
  if (state.retentionScheduled) return () => {};
  state.retentionScheduled = true;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runRetention();
    } catch (error) {
      log.warn("retention.failed", describeError(error));
    } finally {
      running = false;
    }
  };
  const first = setTimeout(tick, firstRunMs).unref();
  const every = setInterval(tick, intervalMs).unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
    state.retentionScheduled = false;
  };
}
