// Percentiles from the rollup's duration histograms (table "StatisticsDuration"). Durations are
// counted per logarithmic bucket: bucket b > 0 holds [1.01^(b-1), 1.01^b) seconds, -b the same
// span below zero, 0 everything under a second. The SQL function statistics_bucket (migration
// 20261201031000_statistics_rollup) files them; `bucketOf` is its twin, kept in step.
//
// Error bound: a bucket is read as its geometric middle, within 0.5 % of every value in it (within
// a second in bucket 0). percentile_cont interpolates linearly between two neighbouring order
// statistics; each is read within that bound, so for durations of one sign the result is within
// 0.5 % plus a second of percentile_cont over the durations themselves (the 1 % the annual report
// allows, for any time over 200 seconds).

const base = 1.01;

export type Bucket = { bucket: number; count: number };

/** The bucket a duration in seconds is counted in (as SQL's statistics_bucket). */
export function bucketOf(seconds: number): number {
  const size = Math.abs(seconds);
  if (size < 1) return 0;
  return Math.sign(seconds) * (1 + Math.floor(Math.log(size) / Math.log(base)));
}

/** The value a bucket stands for: its geometric middle, in seconds. */
export function middleOf(bucket: number): number {
  if (bucket === 0) return 0;
  return Math.sign(bucket) * base ** (Math.abs(bucket) - 0.5);
}

/**
 * percentile_cont(p) (linear interpolation between the sorted values) over the durations a
 * histogram holds; null when it holds none. `buckets` in any order; counts may come summed.
 */
export function histogramPercentile(buckets: readonly Bucket[], p: number): number | null {
  const sorted = buckets.filter((b) => b.count > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return null;
  const at = p * (total - 1);
  const below = Math.floor(at);
  // The value of the k-th smallest duration (0-based), as its bucket's middle.
  const nth = (k: number) => {
    let seen = 0;
    for (const b of sorted) {
      seen += b.count;
      if (k < seen) return middleOf(b.bucket);
    }
    return middleOf(sorted.at(-1)!.bucket);
  };
  const low = nth(below);
  const high = nth(Math.min(below + 1, total - 1));
  return low + (high - low) * (at - below);
}
