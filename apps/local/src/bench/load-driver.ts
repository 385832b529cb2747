import { Agent, request } from 'node:http';
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

interface Answer {
  readonly status: number;
  readonly body: string;
}

function post(agent: Agent, url: URL, apiKey: string, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-api-key': apiKey } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * POSTs `count` orders with `concurrency` requests in flight at any time (a closed loop: each
 * worker sends its next order when the previous answer arrives), and records every answer. It
 * uses node:http with one kept-alive connection per worker: the driver shares the machine with
 * what it measures, and fetch costs it several times the CPU per request.
 */
export async function postOrders(api: { readonly url: string; readonly apiKey: string }, count: number, concurrency: number, offset = 0): Promise<LoadResult> {
  const url = new URL(`${api.url}/order`);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
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
        const answer = await post(agent, url, api.apiKey, body);
        status = answer.status;
        orderId = (JSON.parse(answer.body) as { order_id?: string }).order_id;
      } catch {
        // no answer, or not JSON: counted by its status (0 for none)
      }
      results.push({ status, sentAt, latencyMs: performance.now() - started, orderId });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  } finally {
    agent.destroy();
  }
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
