import { describe, expect, it } from "vitest";
import { bucketOf, histogramPercentile, middleOf } from "@/lib/statistics/histogram";
import { percentile } from "../support/percentile";

// The duration histograms behind the statistics' medians and 90th percentiles: every duration
// falls in the bucket whose span holds it, and a percentile read from the buckets stays within
// 0.5 % plus a second of percentile_cont over the durations themselves.

function histogram(values: number[]) {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(bucketOf(v), (counts.get(bucketOf(v)) ?? 0) + 1);
  return [...counts].map(([bucket, count]) => ({ bucket, count }));
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("statistics histogram", () => {
  it("files each duration in a bucket whose middle is within 0.5 % of it", () => {
    const next = random(1);
    for (let i = 0; i < 20_000; i++) {
      const seconds = Math.exp(next() * Math.log(1e9)); // a second to thirty years
      const middle = middleOf(bucketOf(seconds));
      expect(Math.abs(middle - seconds) / seconds).toBeLessThanOrEqual(0.005 + 1e-9);
    }
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(0.99)).toBe(0);
    expect(bucketOf(1)).toBe(1);
    expect(bucketOf(-5)).toBe(-bucketOf(5));
    expect(middleOf(bucketOf(-3600))).toBeCloseTo(-middleOf(bucketOf(3600)), 9);
  });

  it("gives medians and 90th percentiles within 0.5 % plus a second", () => {
    const shapes: Record<string, (next: () => number) => number> = {
      "log-uniform, a minute to sixty days": (next) => 60 * 86400 ** next(),
      "uniform, up to two days": (next) => next() * 172_800,
      "mostly under a minute": (next) => (next() < 0.8 ? next() * 60 : next() * 86_400),
      "a handful of reports": (next) => 3600 + next() * 7200,
    };
    for (const [index, [name, draw]] of Object.entries(shapes).entries()) {
      const next = random(index + 7);
      const values = Array.from({ length: name.startsWith("a handful") ? 7 : 5000 }, () =>
        draw(next),
      );
      for (const p of [0.5, 0.9]) {
        const exact = percentile(values, p);
        const estimate = histogramPercentile(histogram(values), p)!;
        expect(Math.abs(estimate - exact), `${name}, p${p * 100}`).toBeLessThanOrEqual(
          0.005 * exact + 1,
        );
      }
    }
  });

  it("interpolates as percentile_cont does and has no percentile without durations", () => {
    expect(histogramPercentile([], 0.5)).toBeNull();
    expect(histogramPercentile([{ bucket: 40, count: 0 }], 0.5)).toBeNull();
    // Two durations: the median lies half-way between their buckets' middles.
    const two = [
      { bucket: bucketOf(1000), count: 1 },
      { bucket: bucketOf(3000), count: 1 },
    ];
    expect(histogramPercentile(two, 0.5)).toBeCloseTo(
      (middleOf(bucketOf(1000)) + middleOf(bucketOf(3000))) / 2,
      9,
    );
    // Counts summed over months arrive in any order, possibly as several rows per bucket.
    const split = [
      { bucket: bucketOf(3000), count: 1 },
      { bucket: bucketOf(1000), count: 1 },
    ];
    expect(histogramPercentile(split, 0.9)).toBe(histogramPercentile(two, 0.9));
  });
});
