/** Summary statistics for repeated measurements. */

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function minimum(values: readonly number[]): number {
  if (values.length === 0) throw new Error('minimum of no values');
  return Math.min(...values);
}

/** a / b, or null when either side is missing (a ratio against nothing is not zero). */
export function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : a / b;
}
