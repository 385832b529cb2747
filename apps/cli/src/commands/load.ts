import { randomUUID } from 'node:crypto';
import { DofsApiError, DofsNetworkError, type CreateOrderRequest, type DofsClient, type Order } from '@dofs/sdk';
import {
  forEachConcurrently,
  runLoad,
  seededRandom,
  summarizeLoad,
  type Arrival,
  type LoadResult,
  type SendOrder,
} from '@dofs/local-client';
import { integerFlag, numberFlag, secondsFlag, type Command } from '../command';
import { usageError } from '../cli-error';
import { EXIT } from '../exit-codes';
import { printJson, ProgressBar, renderFields, renderTable, type Io } from '../output';

export const LIMITS = { orders: 100_000, concurrency: 256, ratePerSecond: 1000, maxDurationSeconds: 3600 } as const;

/** What `dofs load --json` prints: the run's figures, where they were sent, and what became of them. */
export interface LoadReport extends LoadResult {
  readonly api_url: string;
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
 * Sends order `index` of the load through the SDK, each with its own Idempotency-Key. Only the
 * SDK's API is ever called.
 */
export function sdkOrderSender(sdk: DofsClient, seed: number, runId: string, orders: number): SendOrder {
  const random = seededRandom(seed);
  // drawn up front, so that the same seed makes the same orders whatever order they are sent in
  const bodies = Array.from({ length: orders }, (_, i) => randomOrder(random, i));
  return async (index) => {
    const body = bodies[index];
    if (!body) return { outcome: 'client error' };
    try {
      const created = await sdk.createOrder(body, { idempotencyKey: `load-${runId}-${index}` });
      return { outcome: created.replayed ? '201 replayed' : '201 created', orderId: created.order.order_id };
    } catch (error) {
      return { outcome: outcomeOf(error) };
    }
  };
}

/** Reads every accepted order until it is terminal or the time is up; counts final statuses. */
export async function settle(sdk: DofsClient, orderIds: readonly string[], concurrency: number, timeoutMs: number): Promise<SettleResult> {
  const started = performance.now();
  const statuses: Record<string, number> = {};
  await forEachConcurrently(orderIds.length, concurrency, async (index) => {
        const orderId = orderIds[index] ?? '';
        const remaining = timeoutMs - (performance.now() - started);
        let status: string;
        try {
          const order: Order = await sdk.waitForOrder(orderId, { timeoutMs: Math.max(1, remaining), intervalMs: 250 });
          status = order.status;
        } catch (error) {
          status = error instanceof Error && error.name === 'DofsWaitTimeoutError' ? 'still PENDING' : outcomeOf(error);
        }
        statuses[status] = (statuses[status] ?? 0) + 1;
  });
  return { duration_ms: Math.round(performance.now() - started), statuses };
}

export const load: Command = {
  name: 'load',
  summary: 'send a bounded load of valid orders and report throughput, latency and outcomes',
  usage:
    'dofs load --orders N (--concurrency C | --rate R) [--max-duration SECONDS (300)] [--seed N] [--retries N (0)]\n' +
    '       [--wait [--wait-timeout SECONDS (120)]]',
  help: [
    `At most ${LIMITS.orders} orders and ${LIMITS.concurrency} in flight; traffic goes to the API of the target only.`,
    '--concurrency C  a closed loop: C requests in flight, each sends the next order when answered (8).',
    `--rate R         an open loop: R orders per second (at most ${LIMITS.ratePerSecond}) at fixed times, whatever the`,
    "                 answers do; latency counts from each order's scheduled time, so queueing shows.",
    'Retries are off by default so that throttling and failures show in the outcomes.',
    '--wait then reads every accepted order until FULFILLED or FAILED and counts them.',
    'Exits 1 when any order was not accepted.',
  ],
  options: {
    orders: { type: 'string', short: 'n' },
    concurrency: { type: 'string', short: 'c' },
    rate: { type: 'string', short: 'r' },
    'max-duration': { type: 'string' },
    seed: { type: 'string' },
    retries: { type: 'string' },
    wait: { type: 'boolean' },
    'wait-timeout': { type: 'string' },
  },
  async run(context, values) {
    const orders = integerFlag(values, 'orders', { min: 1, max: LIMITS.orders, fallback: 100 });
    const concurrency = integerFlag(values, 'concurrency', { min: 1, max: LIMITS.concurrency, fallback: 8 });
    const ratePerSecond = numberFlag(values, 'rate', { min: 0, max: LIMITS.ratePerSecond });
    if (ratePerSecond !== undefined && values['concurrency'] !== undefined) throw usageError('--rate and --concurrency exclude each other');
    const arrival: Arrival = ratePerSecond === undefined ? { concurrency } : { ratePerSecond };
    const maxDurationMs = secondsFlag(values, 'max-duration', { max: LIMITS.maxDurationSeconds, fallback: 300 });
    const seed = integerFlag(values, 'seed', { min: 0, max: 2 ** 31, fallback: Date.now() % 2 ** 31 });
    const retries = integerFlag(values, 'retries', { min: 0, max: 10, fallback: 0 });
    // a new key prefix per run: the same --seed sends the same orders, not replays of the last run
    const runId = randomUUID().slice(0, 8);
    const sdk = context.sdk(retries);

    const bar = new ProgressBar(context.io, orders, !context.json);
    const plan = { orders, arrival, maxDurationMs };
    const run = await runLoad(plan, sdkOrderSender(sdk, seed, runId, orders), (done, outcomes, elapsed) => {
      const failed = done - (outcomes['201 created'] ?? 0) - (outcomes['201 replayed'] ?? 0);
      bar.update(done, `${((done / elapsed) * 1000).toFixed(1)}/s  not accepted: ${failed}`, done === orders);
    });
    bar.finish();
    const result = summarizeLoad(plan, run);

    let settled: SettleResult | undefined;
    if (values['wait'] && result.accepted_order_ids.length > 0) {
      if (!context.json) context.io.stderr.write(`waiting for ${result.accepted_order_ids.length} order(s) to be FULFILLED or FAILED…\n`);
      const waitMs = secondsFlag(values, 'wait-timeout', { max: LIMITS.maxDurationSeconds, fallback: 120 });
      settled = await settle(sdk, result.accepted_order_ids, concurrency, waitMs);
    }
    const report: LoadReport = { api_url: sdk.baseUrl, ...result, ...(settled ? { settled } : {}) };
    if (context.json) printJson(context.io, report);
    else printReport(context.io, report);
    const accepted = (result.outcomes['201 created'] ?? 0) + (result.outcomes['201 replayed'] ?? 0);
    return accepted === orders ? EXIT.OK : EXIT.REJECTED;
  },
};

function printReport(io: Io, r: LoadReport): void {
  const ms = (v: number | undefined) => (v === undefined ? '-' : `${v} ms`);
  io.stdout.write(
    renderFields([
      ['api', r.api_url],
      ['orders', `${r.sent} sent of ${r.orders}, ${r.rate_per_s === undefined ? `concurrency ${r.concurrency}` : `open loop at ${r.rate_per_s}/s`}`],
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
