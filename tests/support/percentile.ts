/** percentile_cont's definition: linear interpolation between the sorted values. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = p * (sorted.length - 1);
  const below = Math.floor(at);
  return (
    sorted[below]! +
    (sorted[Math.min(below + 1, sorted.length - 1)]! - sorted[below]!) * (at - below)
  );
}
