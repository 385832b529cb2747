/** The bench's knee search: the highest open-loop rate whose POST p99 stays within a limit. */
import { summarizeLatencies, type LoadRun } from '@dofs/local-client';

/** One step of the sweep: `rate` orders per second for a few seconds, and its POST p99. */
export interface SweepStep {
  readonly rate: number;
  readonly p99Ms: number;
  readonly ok: boolean;
}

export interface SweepPlan {
  /** the first rate tried, orders per second */
  readonly fromRate: number;
  /** how long each step sends */
  readonly stepSeconds: number;
  /** the most steps in all: rising ones, then halvings of the interval around the knee */
  readonly maxSteps: number;
  readonly p99LimitMs: number;
}

export interface SweepResult {
  readonly steps: readonly SweepStep[];
  /** the highest rate whose step kept the POST p99 within the limit; undefined if none did */
  readonly kneePerSecond: number | undefined;
}

/** Sends `orders` orders at `rate` per second and resolves once every accepted one is terminal (the next step starts drained). */
export type StepRunner = (rate: number, orders: number) => Promise<LoadRun>;

const RISE = 1.5;
/** rates are rounded to this many orders per second, so that a bisection ends */
const GRAIN = 5;

/**
 * Rises by half again per step from `fromRate` until a step's p99 passes the limit (or halves
 * down when the first one does), then bisects between the last rate that held and the first that
 * did not, until the steps are used or the interval is one grain wide. Each step is short, so the
 * knee is within a grain or two and a noisy step can cost a little; it is a figure to compare
 * across commits and machines, not a capacity guarantee.
 */
export async function findKnee(run: StepRunner, plan: SweepPlan): Promise<SweepResult> {
  const steps: SweepStep[] = [];
  let [held, broke] = [0, Number.POSITIVE_INFINITY];
  let rate = plan.fromRate;
  while (steps.length < plan.maxSteps) {
    const load = await run(rate, Math.max(1, Math.round(rate * plan.stepSeconds)));
    const p99Ms = summarizeLatencies(load.samples.map((s) => s.latencyMs)).p99 ?? Number.POSITIVE_INFINITY;
    const ok = p99Ms <= plan.p99LimitMs && load.samples.every((s) => s.outcome === '201');
    steps.push({ rate, p99Ms, ok });
    if (ok) held = rate;
    else broke = rate;
    const next = broke === Number.POSITIVE_INFINITY ? rate * RISE : held === 0 ? rate / 2 : (held + broke) / 2;
    rate = Math.max(GRAIN, Math.round(next / GRAIN) * GRAIN);
    if (broke - held <= GRAIN || steps.some((s) => s.rate === rate)) break;
  }
  return { steps, kneePerSecond: held > 0 ? held : undefined };
}

/** The sweep's orders are numbered from here, apart from the warm-up's and the measured run's. */
const SWEEP_OFFSET = 2_000_000;

/** The sweep on a running system: each step's orders sent by `drive` (open-loop-cost.ts), numbered apart. */
export function sweepRunner(drive: (rate: number, orders: number, offset: number) => Promise<{ load: LoadRun }>): StepRunner {
  let offset = SWEEP_OFFSET;
  return async (rate, orders) => {
    const { load } = await drive(rate, orders, offset);
    offset += orders;
    return load;
  };
}

export function describeSweep(result: SweepResult, limitMs: number): string {
  const steps = result.steps.map((s) => `${s.rate}/s ${Number.isFinite(s.p99Ms) ? s.p99Ms.toFixed(0) : '-'} ms${s.ok ? '' : ' x'}`).join(', ');
  const knee = result.kneePerSecond === undefined ? `none within ${limitMs} ms` : `${result.kneePerSecond} orders/s`;
  return `${knee}   (POST p99 per step: ${steps})`;
}
