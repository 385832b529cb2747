import { setTimeout as sleep } from 'node:timers/promises';
import { forEachConcurrently } from './concurrency';
import { summarizeLatencies, type LatencySummary } from './latency';

/**
 * How orders arrive. A closed loop keeps `concurrency` requests in flight, each worker sending its
 * next order when the previous answer arrives: its throughput is capped by Little's law and a slow
 * system slows the load down, which hides queueing. An open loop sends order i at
 * start + i / ratePerSecond whatever the answers do, and measures each latency from that scheduled
 * time, so time spent waiting to be sent counts (DESIGN.md: latency targets are open-loop).
 */
export type Arrival = { readonly concurrency: number } | { readonly ratePerSecond: number };

export interface LoadPlan {
  readonly orders: number;
  readonly arrival: Arrival;
  /** No order is sent after this long; the rest are counted as "not sent". */
  readonly maxDurationMs?: number;
}

/** What one order's request came to: "201 created", "422 BUSINESS_RULE_VIOLATION", "network error"... */
export interface Attempt {
  readonly outcome: string;
  /** set when the order was accepted */
  readonly orderId?: string;
}

/** Sends order number `index` (0-based) and tells how it went; it does not throw. */
export type SendOrder = (index: number) => Promise<Attempt>;

export interface LoadSample extends Attempt {
  readonly index: number;
  /** epoch ms the request was due: when it was sent (closed loop) or scheduled (open loop) */
  readonly dueAt: number;
  /** from dueAt to the answer */
  readonly latencyMs: number;
}

export interface LoadRun {
  /** one per order sent, in the order the answers came */
  readonly samples: readonly LoadSample[];
  /** orders not sent because maxDurationMs ran out */
  readonly notSent: number;
  /** epoch ms */
  readonly startedAt: number;
  readonly durationMs: number;
}

/** One report for every load run: `dofs load`, the bench and the tests read the same figures. */
export interface LoadResult {
  readonly orders: number;
  /** set for a closed loop */
  readonly concurrency?: number;
  /** set for an open loop: orders per second scheduled */
  readonly rate_per_s?: number;
  readonly sent: number;
  readonly duration_ms: number;
  readonly throughput_per_s: number;
  readonly latency_ms: LatencySummary;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly accepted_order_ids: readonly string[];
}

export type LoadProgress = (done: number, outcomes: Readonly<Record<string, number>>, elapsedMs: number) => void;

export const NOT_SENT = 'not sent';

/** Runs the plan with `send`, in a closed or an open loop; bounded in count and in time. */
export async function runLoad(plan: LoadPlan, send: SendOrder, onProgress?: LoadProgress): Promise<LoadRun> {
  const samples: LoadSample[] = [];
  const outcomes: Record<string, number> = {};
  const startedAt = Date.now();
  const started = performance.now();
  const deadline = started + (plan.maxDurationMs ?? Number.POSITIVE_INFINITY);
  let notSent = 0;
  const count = (outcome: string): void => {
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    onProgress?.(samples.length + notSent, outcomes, performance.now() - started);
  };
  // performance.now() for durations, Date.now() for the moment: a sample says when it was due
  const one = async (index: number, due: number): Promise<void> => {
    const attempt = await send(index);
    samples.push({ ...attempt, index, dueAt: startedAt + (due - started), latencyMs: performance.now() - due });
    count(attempt.outcome);
  };
  const skip = (): void => {
    notSent++;
    count(NOT_SENT);
  };

  if ('concurrency' in plan.arrival) {
    await forEachConcurrently(plan.orders, plan.arrival.concurrency, async (index) => {
      const now = performance.now();
      if (now > deadline) skip();
      else await one(index, now);
    });
  } else {
    const intervalMs = 1000 / plan.arrival.ratePerSecond;
    const inFlight: Promise<void>[] = [];
    for (let index = 0; index < plan.orders; index++) {
      const due = started + index * intervalMs;
      if (due > deadline) {
        skip();
        continue;
      }
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      inFlight.push(one(index, due));
    }
    await Promise.all(inFlight);
  }
  return { samples, notSent, startedAt, durationMs: performance.now() - started };
}

/** The figures of a run. Throughput counts the orders sent over the whole run. */
export function summarizeLoad(plan: LoadPlan, run: LoadRun): LoadResult {
  const outcomes: Record<string, number> = {};
  for (const sample of run.samples) outcomes[sample.outcome] = (outcomes[sample.outcome] ?? 0) + 1;
  if (run.notSent > 0) outcomes[NOT_SENT] = run.notSent;
  return {
    orders: plan.orders,
    ...('concurrency' in plan.arrival ? { concurrency: plan.arrival.concurrency } : { rate_per_s: plan.arrival.ratePerSecond }),
    sent: run.samples.length,
    duration_ms: Math.round(run.durationMs),
    throughput_per_s: Math.round((run.samples.length / (run.durationMs / 1000)) * 10) / 10,
    latency_ms: summarizeLatencies(run.samples.map((sample) => sample.latencyMs)),
    outcomes,
    accepted_order_ids: run.samples.flatMap((sample) => (sample.orderId === undefined ? [] : [sample.orderId])),
  };
}
