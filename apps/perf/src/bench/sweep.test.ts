import type { LoadRun, LoadSample } from '@dofs/local-client';
import { findKnee, type StepRunner } from './sweep';

/** A fake system whose POST latency is `latencyOf(rate)` for every order of a step. */
function system(latencyOf: (rate: number) => number, outcome = '201'): { run: StepRunner; rates: number[] } {
  const rates: number[] = [];
  const run: StepRunner = async (rate, orders) => {
    rates.push(rate);
    const samples: LoadSample[] = Array.from({ length: orders }, (_, index) => ({ index, dueAt: 0, latencyMs: latencyOf(rate), outcome }));
    const load: LoadRun = { samples, notSent: 0, startedAt: 0, durationMs: 1000 };
    return load;
  };
  return { run, rates };
}

const plan = { fromRate: 50, stepSeconds: 2, maxSteps: 8, p99LimitMs: 100 };

describe('findKnee', () => {
  it('rises by half again until the p99 passes the limit, then bisects to within 5 orders/s', async () => {
    const { run, rates } = system((rate) => rate);
    const result = await findKnee(run, plan);
    expect(rates).toEqual([50, 75, 115, 95, 105, 100]);
    expect(result.kneePerSecond).toBe(100);
    expect(result.steps.map((s) => s.ok)).toEqual([true, true, false, true, false, true]);
  });

  it('halves down from the first rate when that one is already past the limit', async () => {
    const { run, rates } = system((rate) => rate);
    const result = await findKnee(run, { ...plan, p99LimitMs: 20 });
    expect(rates).toEqual([50, 25, 15, 20]);
    expect(result.kneePerSecond).toBe(20);
  });

  it('stops at maxSteps, and names no knee when no step held', async () => {
    const { run, rates } = system(() => 500);
    const result = await findKnee(run, { ...plan, maxSteps: 3 });
    expect(rates).toEqual([50, 25, 15]);
    expect(result.kneePerSecond).toBeUndefined();
  });

  it('counts a step with refused or unanswered orders as past the limit, however fast the answers', async () => {
    const { run } = system(() => 1, '503');
    expect((await findKnee(run, { ...plan, maxSteps: 2 })).kneePerSecond).toBeUndefined();
  });
});
