// Helpers shared by the benchmark's parts (scripts/bench.mjs).

export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
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
  return { count: latencies.length, perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), statuses };
}
