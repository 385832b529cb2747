import { percentile, seededRandom, summarizeLatencies } from './latency';

describe('latency statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([50, 90, 99, 100].map((p) => percentile(values, p))).toEqual([50, 90, 99, 100]);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
  });

  it('summarizes unsorted values', () => {
    expect(summarizeLatencies([30, 10, 20, 40])).toEqual({ count: 4, min: 10, mean: 25, p50: 20, p90: 40, p95: 40, p99: 40, max: 40 });
  });

  it('draws the same sequence from the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const drawn = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(drawn);
    expect(drawn.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(drawn[0]);
  });
});
