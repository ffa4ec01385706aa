// Helpers shared by the benchmark's parts (scripts/bench.mjs).
import { readdirSync, readFileSync } from "node:fs";

export const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
export const ms = (value) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

/** Sends `total` requests from `concurrency` workers; returns rate and latency percentiles. */
export async function load({ total, concurrency, maxSeconds, send }) {
  const latencies = [];
  const statuses = new Map();
  let next = 0;
  const began = performance.now();
  const deadline = began + maxSeconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total && performance.now() < deadline) {
        next++;
        const t = performance.now();
        const status = await send();
        latencies.push(performance.now() - t);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    statuses,
  };
}

/**
 * CPU time (ms) of the processes under `rootPid`, per process id, read from /proc (Linux only;
 * empty elsewhere). `cpuSpent` turns two readings into PostgreSQL's and the app's share.
 */
export function cpuMsUnder(rootPid) {
  const tickMs = 10; // USER_HZ is 100 on Linux
  const processes = new Map();
  let entries = [];
  try {
    entries = readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return new Map();
  }
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      processes.set(Number(pid), {
        comm,
        ppid: Number(fields[1]),
        ms: (Number(fields[11]) + Number(fields[12])) * tickMs,
      });
    } catch {
      // the process ended meanwhile
    }
  }
  const under = (pid) => {
    for (let current = processes.get(pid); current; current = processes.get(current.ppid)) {
      if (current.ppid === rootPid) return true;
    }
    return pid === rootPid;
  };
  return new Map([...processes].filter(([pid]) => under(pid)));
}

/**
 * What the processes used between two readings, as { postgres, app } in ms. A process that ended
 * in between is left out (its time is gone from /proc); one that started counts from zero.
 */
export function cpuSpent(before, after) {
  const totals = { postgres: 0, app: 0 };
  for (const [pid, { comm, ms }] of after) {
    const earlier = before.get(pid);
    const spent = earlier && earlier.comm === comm ? ms - earlier.ms : ms;
    totals[comm.startsWith("postgres") ? "postgres" : "app"] += Math.max(0, spent);
  }
  return totals;
}
