import "server-only";
import { withAdvisoryLock } from "@/lib/jobs/advisory-lock";
import { describeError, log } from "@/lib/log";
import { sendDeadlineNotices } from "./send-notices";

/** One deadline pass, unless another process is running one right now. Logs counts only. */
export async function runDeadlines(now = new Date()) {
  const outcome = await withAdvisoryLock("deadlines", () => sendDeadlineNotices({ now }));
  if (outcome.ran) log.info("deadlines.completed", outcome.result);
  return outcome;
}

const state = globalThis as unknown as { deadlinesScheduled?: boolean };

/**
 * Runs the deadline pass every five minutes inside the server (instrumentation.ts), the first a
 * minute and a half after start. A failed pass logs and the next one tries again; the notice
 * table, not the timer, is what keeps each notice to one. Timers never keep a stopping server alive.
 */
export function scheduleDeadlines({ firstRunMs = 90_000, intervalMs = 5 * 60_000 } = {}) {
  if (state.deadlinesScheduled) return;
  state.deadlinesScheduled = true;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runDeadlines();
    } catch (error) {
      log.warn("deadlines.failed", describeError(error));
    } finally {
      running = false;
    }
  };
  setTimeout(tick, firstRunMs).unref();
  setInterval(tick, intervalMs).unref();
}
