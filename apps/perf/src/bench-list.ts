/**
 * `npm run bench:list`: the time of a GET /orders page of 100 orders on this machine, through the
 * whole local path (gateway, api-handler bundle in its worker, a Query on dynalite's index).
 * Starts its own runtime (temporary data dir, ephemeral ports), creates the orders of one
 * customer through the API, then times first pages (by customer and by status) and pages
 * followed by their cursors. Figures only: nothing is asserted.
 *   npm run bench:list -- [--orders 300] [--runs 50] [--json]
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { startLocalSystem, summarizeLatencies, type LatencySummary } from '@dofs/local-client';
import { failureText, ToolError } from './tool-error';

const PAGE = 100;

interface Page {
  readonly items: readonly { readonly status: string }[];
  /** absent on the last page */
  readonly next_cursor?: string;
}

/** The API and the `local` client's key, which every route but GET /health requires (x-api-key). */
interface Api {
  readonly url: string;
  readonly key: string;
}

async function createOrders(api: Api, customerId: string, count: number, concurrency = 8): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const response = await fetch(`${api.url}/order`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-api-key': api.key },
        body: JSON.stringify({ customer_id: customerId, items: [{ product_id: `sku-${i % 20}`, quantity: 1 + (i % 3), price: 10 }], total_amount: 10 * (1 + (i % 3)) }),
      });
      if (response.status !== 201) throw new ToolError(`POST /order answered ${response.status}: ${await response.text()}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** One timed GET: milliseconds from sending to the whole body read, and the page. */
async function timedPage(api: Api, url: string): Promise<{ ms: number; bytes: number; page: Page }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { 'x-api-key': api.key } });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new ToolError(`GET ${url} answered ${response.status}: ${text}`);
  return { ms, bytes: Buffer.byteLength(text), page: JSON.parse(text) as Page };
}

/** How many orders of the query are FULFILLED, reading every page. */
async function fulfilledOf(api: Api, firstPage: string): Promise<number> {
  let fulfilled = 0;
  let url: string | undefined = firstPage;
  while (url) {
    const { page } = await timedPage(api, url);
    fulfilled += page.items.filter((o) => o.status === 'FULFILLED').length;
    url = page.next_cursor === undefined ? undefined : `${firstPage}&cursor=${encodeURIComponent(page.next_cursor)}`;
  }
  return fulfilled;
}

async function measure(api: Api, runs: number, url: () => Promise<string>): Promise<LatencySummary & { items: number; bytes: number }> {
  const times: number[] = [];
  let last = { items: 0, bytes: 0 };
  for (let run = 0; run < runs; run += 1) {
    const { ms, bytes, page } = await timedPage(api, await url());
    times.push(ms);
    last = { items: page.items.length, bytes };
  }
  return { ...summarizeLatencies(times), ...last };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { orders: { type: 'string', default: '300' }, runs: { type: 'string', default: '50' }, json: { type: 'boolean', default: false } } });
  const orders = Number(values.orders);
  const runs = Number(values.runs);
  if (!Number.isInteger(orders) || orders < 2 * PAGE + 1) throw new ToolError(`--orders must be an integer of at least ${2 * PAGE + 1}`);
  if (!Number.isInteger(runs) || runs < 1) throw new ToolError('--runs must be a positive integer');
  const system = await startLocalSystem({ port: 0, quiet: true, console: false, successRate: 1, dataDir: undefined });
  try {
    const api: Api = { url: system.apiUrl, key: system.apiKey };
    const customer = `bench-list-${Date.now()}`;
    await createOrders(api, customer, orders);
    const byCustomer = `${api.url}/orders?customer_id=${customer}&limit=${PAGE}`;
    const byStatus = `${api.url}/orders?status=FULFILLED&limit=${PAGE}`;
    // measured once the pipeline is idle: every order FULFILLED, nothing else competing for the cores
    const deadline = Date.now() + 120_000;
    while ((await fulfilledOf(api, byCustomer)) < orders) {
      if (Date.now() > deadline) throw new ToolError(`not every order was FULFILLED within 120 s`);
      await sleep(500);
    }
    for (let warm = 0; warm < 5; warm += 1) await timedPage(api, byCustomer); // cold start and JIT out of the figures
    const cursor = (await timedPage(api, byCustomer)).page.next_cursor ?? '';
    const figures = {
      orders,
      runs,
      page_size: PAGE,
      customer_first_page: await measure(api, runs, async () => byCustomer),
      customer_next_page: await measure(api, runs, async () => `${byCustomer}&cursor=${encodeURIComponent(cursor)}`),
      status_first_page: await measure(api, runs, async () => byStatus),
    };
    if (values.json) {
      console.log(JSON.stringify(figures, null, 2));
      return;
    }
    const ms = (value: number | undefined): string => (value === undefined ? '-' : value.toFixed(1));
    const line = (name: string, f: LatencySummary & { items: number; bytes: number }): string =>
      `  ${name.padEnd(32)} p50 ${ms(f.p50)} ms  p95 ${ms(f.p95)} ms  max ${ms(f.max)} ms  (${f.items} orders, ${(f.bytes / 1024).toFixed(1)} KiB)`;
    console.log(`GET /orders, pages of ${PAGE}, ${runs} runs each, ${orders} orders of one customer (this machine, ${new Date().toISOString()}):`);
    console.log(line('by customer, first page', figures.customer_first_page));
    console.log(line('by customer, next page (cursor)', figures.customer_next_page));
    console.log(line('by status FULFILLED, first page', figures.status_first_page));
  } finally {
    await system.stop();
  }
}

main().catch((error: unknown) => {
  console.error(failureText(error));
  process.exitCode = 1;
});
