/**
 * Percentile with linear interpolation between closest ranks: the same answer as Postgres'
 * `percentile_cont`, so the dashboard (computed in SQL) and the forecast (computed here) agree.
 * Null for no values.
 */
export function percentile(values: readonly number[], fraction: number): number | null {
  return percentileOfSorted(
    [...values].sort((a, b) => a - b),
    fraction,
  );
}

/** As `percentile`, of values already in ascending order (no copy, no sort: for many percentiles of one list). */
export function percentileOfSorted(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const rank = fraction * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
}

export const median = (values: readonly number[]): number | null => percentile(values, 0.5);
