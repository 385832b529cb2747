/** Nearest-rank percentile of values sorted ascending (p in 0..100); undefined for none. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Milliseconds, rounded to 0.1; a figure is undefined when there were no values. */
export interface LatencySummary {
  readonly count: number;
  readonly min: number | undefined;
  readonly mean: number | undefined;
  readonly p50: number | undefined;
  readonly p90: number | undefined;
  readonly p95: number | undefined;
  readonly p99: number | undefined;
  readonly max: number | undefined;
}

export function summarizeLatencies(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (n: number | undefined) => (n === undefined ? undefined : Math.round(n * 10) / 10);
  return {
    count: sorted.length,
    min: round(sorted[0]),
    mean: round(sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : undefined),
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1]),
  };
}

/** A small seeded generator (mulberry32): the same seed makes the same load. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
