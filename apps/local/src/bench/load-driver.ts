import { percentile, ascending } from './percentiles';

export interface PostResult {
  readonly status: number;
  /** epoch ms when the request was sent */
  readonly sentAt: number;
  readonly latencyMs: number;
  readonly orderId: string | undefined;
}

export interface LoadResult {
  readonly results: readonly PostResult[];
  readonly startedAt: number;
  readonly finishedAt: number;
}

/** A valid order; totals are computed in cents so they match the lines exactly. */
export function benchOrder(i: number): object {
  const quantity = 1 + (i % 3);
  const priceCents = 999 + (i % 7) * 100;
  return {
    customer_id: `bench-customer-${i % 50}`,
    items: [{ product_id: `bench-product-${i % 20}`, quantity, price: priceCents / 100 }],
    total_amount: (quantity * priceCents) / 100,
  };
}

/**
 * POSTs `count` orders with `concurrency` requests in flight at any time (a closed loop: each
 * worker sends its next order when the previous answer arrives), and records every answer.
 */
export async function postOrders(apiUrl: string, count: number, concurrency: number, offset = 0): Promise<LoadResult> {
  const results: PostResult[] = [];
  let next = 0;
  const startedAt = Date.now();
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = offset + next++;
      const body = JSON.stringify(benchOrder(i));
      const sentAt = Date.now();
      const started = performance.now();
      let status = 0;
      let orderId: string | undefined;
      try {
        const response = await fetch(`${apiUrl}/order`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
        status = response.status;
        const answer = (await response.json()) as { order_id?: string };
        orderId = answer.order_id;
      } catch {
        status = 0;
      }
      results.push({ status, sentAt, latencyMs: performance.now() - started, orderId });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { results, startedAt, finishedAt: Date.now() };
}

export interface LatencySummary {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export function summarize(values: readonly number[]): LatencySummary {
  const sorted = ascending(values);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}
