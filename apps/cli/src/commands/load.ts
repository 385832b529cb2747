import { randomUUID } from 'node:crypto';
import { DofsApiError, DofsNetworkError, type CreateOrderRequest, type DofsClient, type Order } from '@dofs/sdk';
import { integerFlag, secondsFlag, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { printJson, ProgressBar, renderFields, renderTable, type Io } from '../output';
import { seededRandom, summarizeLatencies, type LatencySummary } from '../stats';

export const LIMITS = { orders: 100_000, concurrency: 256, maxDurationSeconds: 3600 } as const;

export interface LoadOptions {
  readonly orders: number;
  readonly concurrency: number;
  /** No request starts after this long; the rest are counted as not sent. */
  readonly maxDurationMs: number;
  readonly seed: number;
  readonly runId: string;
}

export interface LoadResult {
  readonly api_url: string;
  readonly orders: number;
  readonly concurrency: number;
  readonly sent: number;
  readonly duration_ms: number;
  readonly throughput_per_s: number;
  readonly latency_ms: LatencySummary;
  /** "201 created", "201 replayed", "422 BUSINESS_RULE_VIOLATION", "network error", "not sent"… */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly accepted_order_ids: readonly string[];
  readonly settled?: SettleResult;
}

export interface SettleResult {
  readonly duration_ms: number;
  readonly statuses: Readonly<Record<string, number>>;
}

/** A valid order drawn from `random`: 1 to 5 lines, prices in cents, the total computed in cents. */
export function randomOrder(random: () => number, index: number): CreateOrderRequest {
  const pick = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const products = new Set<number>();
  const lineCount = pick(1, 5);
  while (products.size < lineCount) products.add(pick(1, 500));
  const items = [...products].map((p) => ({ product_id: `sku-${p}`, quantity: pick(1, 5), price: pick(100, 9_999) / 100 }));
  const cents = items.reduce((sum, l) => sum + l.quantity * Math.round(l.price * 100), 0);
  return { customer_id: `load-customer-${index % 97}`, items, total_amount: cents / 100 };
}

export function outcomeOf(error: unknown): string {
  if (error instanceof DofsApiError) return `${error.status} ${error.code}`;
  if (error instanceof DofsNetworkError) return 'network error';
  return 'client error';
}

/**
 * Sends `orders` orders with at most `concurrency` in flight, each with its own
 * Idempotency-Key. Only `sdk`'s API is ever called; the run is bounded in count and time.
 */
export async function runLoad(
  sdk: DofsClient,
  options: LoadOptions,
  onProgress?: (done: number, outcomes: Readonly<Record<string, number>>, elapsedMs: number) => void,
): Promise<LoadResult> {
  const random = seededRandom(options.seed);
  // one iterator shared by every worker: each order is taken by exactly one of them
  const pending = Array.from({ length: options.orders }, (_, i) => randomOrder(random, i)).entries();
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  const accepted: string[] = [];
  const count = (outcome: string) => (outcomes[outcome] = (outcomes[outcome] ?? 0) + 1);
  const started = performance.now();
  let done = 0;

  const worker = async () => {
    for (const [i, body] of pending) {
      if (performance.now() - started > options.maxDurationMs) {
        count('not sent');
      } else {
        const sent = performance.now();
        try {
          const created = await sdk.createOrder(body, { idempotencyKey: `load-${options.runId}-${i}` });
          accepted.push(created.order.order_id);
          count(created.replayed ? '201 replayed' : '201 created');
        } catch (error) {
          count(outcomeOf(error));
        } finally {
          latencies.push(performance.now() - sent);
        }
      }
      done++;
      onProgress?.(done, outcomes, performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.orders) }, worker));

  const durationMs = performance.now() - started;
  return {
    api_url: sdk.baseUrl,
    orders: options.orders,
    concurrency: options.concurrency,
    sent: latencies.length,
    duration_ms: Math.round(durationMs),
    throughput_per_s: Math.round((latencies.length / (durationMs / 1000)) * 10) / 10,
    latency_ms: summarizeLatencies(latencies),
    outcomes,
    accepted_order_ids: accepted,
  };
}

/** Reads every accepted order until it is terminal or the time is up; counts final statuses. */
export async function settle(sdk: DofsClient, orderIds: readonly string[], concurrency: number, timeoutMs: number): Promise<SettleResult> {
  const started = performance.now();
  const statuses: Record<string, number> = {};
  const pending = orderIds.values();
  const worker = async () => {
    for (const orderId of pending) {
      const remaining = timeoutMs - (performance.now() - started);
      let status: string;
      try {
        const order: Order = await sdk.waitForOrder(orderId, { timeoutMs: Math.max(1, remaining), intervalMs: 250 });
        status = order.status;
      } catch (error) {
        status = error instanceof Error && error.name === 'DofsWaitTimeoutError' ? 'still PENDING' : outcomeOf(error);
      }
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, orderIds.length) }, worker));
  return { duration_ms: Math.round(performance.now() - started), statuses };
}

export const load: Command = {
  name: 'load',
  summary: 'send a bounded load of valid orders and report throughput, latency and outcomes',
  usage:
    'dofs load --orders N --concurrency C [--max-duration SECONDS (300)] [--seed N] [--retries N (0)]\n' +
    '       [--wait [--wait-timeout SECONDS (120)]]',
  help: [
    `At most ${LIMITS.orders} orders and ${LIMITS.concurrency} in flight; traffic goes to the API of the target only.`,
    'Retries are off by default so that throttling and failures show in the outcomes.',
    '--wait then reads every accepted order until FULFILLED or FAILED and counts them.',
    'Exits 1 when any order was not accepted.',
  ],
  options: {
    orders: { type: 'string', short: 'n' },
    concurrency: { type: 'string', short: 'c' },
    'max-duration': { type: 'string' },
    seed: { type: 'string' },
    retries: { type: 'string' },
    wait: { type: 'boolean' },
    'wait-timeout': { type: 'string' },
  },
  async run(context, values) {
    const orders = integerFlag(values, 'orders', { min: 1, max: LIMITS.orders, fallback: 100 });
    const concurrency = integerFlag(values, 'concurrency', { min: 1, max: LIMITS.concurrency, fallback: 8 });
    const maxDurationMs = secondsFlag(values, 'max-duration', { max: LIMITS.maxDurationSeconds, fallback: 300 });
    const seed = integerFlag(values, 'seed', { min: 0, max: 2 ** 31, fallback: Date.now() % 2 ** 31 });
    const retries = integerFlag(values, 'retries', { min: 0, max: 10, fallback: 0 });
    // a new key prefix per run: the same --seed sends the same orders, not replays of the last run
    const runId = randomUUID().slice(0, 8);
    const sdk = context.sdk(retries);

    const bar = new ProgressBar(context.io, orders, !context.json);
    const result = await runLoad(sdk, { orders, concurrency, maxDurationMs, seed, runId }, (done, outcomes, elapsed) => {
      const failed = done - (outcomes['201 created'] ?? 0) - (outcomes['201 replayed'] ?? 0);
      bar.update(done, `${((done / elapsed) * 1000).toFixed(1)}/s  not accepted: ${failed}`, done === orders);
    });
    bar.finish();

    let settled: SettleResult | undefined;
    if (values['wait'] && result.accepted_order_ids.length > 0) {
      if (!context.json) context.io.stderr.write(`waiting for ${result.accepted_order_ids.length} order(s) to be FULFILLED or FAILED…\n`);
      const waitMs = secondsFlag(values, 'wait-timeout', { max: LIMITS.maxDurationSeconds, fallback: 120 });
      settled = await settle(sdk, result.accepted_order_ids, concurrency, waitMs);
    }
    const report: LoadResult = { ...result, ...(settled ? { settled } : {}) };
    if (context.json) printJson(context.io, report);
    else printReport(context.io, report);
    const accepted = (result.outcomes['201 created'] ?? 0) + (result.outcomes['201 replayed'] ?? 0);
    return accepted === orders ? EXIT.OK : EXIT.REJECTED;
  },
};

function printReport(io: Io, r: LoadResult): void {
  const ms = (v: number | undefined) => (v === undefined ? '-' : `${v} ms`);
  io.stdout.write(
    renderFields([
      ['api', r.api_url],
      ['orders', `${r.sent} sent of ${r.orders}, concurrency ${r.concurrency}`],
      ['duration', `${(r.duration_ms / 1000).toFixed(2)} s`],
      ['throughput', `${r.throughput_per_s} orders/s`],
    ]) + '\n',
  );
  const l = r.latency_ms;
  io.stdout.write(
    renderTable(
      [{ min: l.min, mean: l.mean, p50: l.p50, p90: l.p90, p95: l.p95, p99: l.p99, max: l.max }],
      (['min', 'mean', 'p50', 'p90', 'p95', 'p99', 'max'] as const).map((k) => ({
        header: `LATENCY ${k.toUpperCase()}`,
        value: (row: Record<string, number | undefined>) => ms(row[k]),
        align: 'right' as const,
      })),
    ) + '\n',
  );
  const outcomeRows = Object.entries(r.outcomes).sort(([, a], [, b]) => b - a);
  io.stdout.write(
    renderTable(outcomeRows, [
      { header: 'OUTCOME', value: ([k]) => k },
      { header: 'COUNT', value: ([, v]) => v, align: 'right' },
      { header: 'SHARE', value: ([, v]) => `${((v / r.orders) * 100).toFixed(1)}%`, align: 'right' },
    ]),
  );
  if (r.settled) {
    io.stdout.write(`\nafter ${(r.settled.duration_ms / 1000).toFixed(2)} s of waiting:\n`);
    io.stdout.write(
      renderTable(
        Object.entries(r.settled.statuses).sort(([, a], [, b]) => b - a),
        [
          { header: 'STATUS', value: ([k]) => k },
          { header: 'COUNT', value: ([, v]) => v, align: 'right' },
        ],
      ),
    );
  }
}
