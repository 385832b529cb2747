// `dofs` (the real binary) against the real local system (`npm start`'s runtime, real handlers),
// found through the endpoints.json it writes. Every fulfillment attempt fails, and a message is
// dead-lettered on its second receive, so the whole failure path takes seconds.
import { startLocalSystem, type LocalSystem } from '@dofs/local-client';
import { dofs } from './support/processes';

jest.setTimeout(180_000);

let system: LocalSystem;
const target = () => ['--data-dir', system.endpoints.data_dir];

beforeAll(async () => {
  // fulfill-order's timeout is capped to the visibility timeout: at 1 s a cold worker on a loaded
  // machine could time out before it records its attempt (seen as attempts 1 of 2 receives)
  system = await startLocalSystem({ successRate: 0, maxReceiveCount: 2, visibilityTimeoutSeconds: 3, lambdaConcurrency: 4 });
});
afterAll(() => system?.stop());

it('checks the health of the API', async () => {
  const r = await dofs(['health', ...target()]);
  expect(r).toMatchObject({ code: 0, stdout: `${system.endpoints.api_url}: ok\n` });
});

it('creates, reads and waits for an order; replays it when it failed; lists the failure', async () => {
  const created = await dofs(['order', 'create', '--customer', 'e2e-1', '--item', 'sku-1:2:3.50', '--item', 'sku-2:1:0.99', '--json', ...target()]);
  expect(created.code).toBe(0);
  const { order } = JSON.parse(created.stdout);
  expect(order).toMatchObject({ status: 'PENDING', total_amount: 7.99, customer_id: 'e2e-1' });

  const read = await dofs(['order', 'get', order.order_id, ...target()]);
  expect(read.code).toBe(0);
  expect(read.stdout).toContain(order.order_id);
  expect(read.stdout).toMatch(/sku-1\s+2\s+3\.50\s+7\.00/);

  const waited = await dofs(['order', 'wait', order.order_id, '--timeout', '60', '--interval', '0.2', ...target()]);
  expect(waited.code).toBe(6);
  expect(waited.stdout).toMatch(/status\s+FAILED/);

  const failed = await dofs(['failed', 'list', '--json', ...target()]);
  expect(failed.code).toBe(0);
  expect(JSON.parse(failed.stdout).records).toEqual(
    expect.arrayContaining([expect.objectContaining({ order_id: order.order_id, reason: 'MAX_RECEIVES_EXCEEDED', attempts: 2 })]),
  );
  const table = await dofs(['failed', 'list', '--reason', 'MAX_RECEIVES_EXCEEDED', ...target()]);
  expect(table.stdout).toMatch(new RegExp(`${order.order_id}\\s+MAX_RECEIVES_EXCEEDED`));

  const replay = await dofs(['dlq', 'redrive', '--from', 'failed', '--order-id', order.order_id, '--json', ...target()]);
  expect(replay.code).toBe(0);
  const [first] = JSON.parse(replay.stdout).results;
  expect(first).toMatchObject({ source: 'failed_orders', order_id: order.order_id, action: 'replayed as a new order' });
  expect(first.new_order_id).not.toBe(order.order_id);
  const replacement = JSON.parse((await dofs(['order', 'get', first.new_order_id, '--json', ...target()])).stdout);
  expect(replacement).toMatchObject({ customer_id: 'e2e-1', items: order.items, total_amount: 7.99, attempts: expect.any(Number) });

  const again = await dofs(['dlq', 'redrive', '--from', 'failed', '--order-id', order.order_id, '--json', ...target()]);
  expect(JSON.parse(again.stdout).results[0]).toMatchObject({ action: 'already replayed', new_order_id: first.new_order_id });
});

it('exits 1 with the broken rule when the API refuses an order', async () => {
  const r = await dofs(['order', 'create', '--customer', 'e2e-2', '--item', 'sku-1:1:1.00', '--total', '5', ...target()]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('422 BUSINESS_RULE_VIOLATION');
  expect(r.stderr).toMatch(/- total_amount: /);
});

it("lists a customer's orders as a table, and every page with --all", async () => {
  const customer = `e2e-list-${process.pid}`;
  for (let n = 0; n < 3; n += 1) expect((await dofs(['order', 'create', '--customer', customer, '--item', 'sku-1:1:1.00', ...target()])).code).toBe(0);
  const table = await dofs(['order', 'list', '--customer', customer, '--limit', '2', ...target()]);
  expect(table.code).toBe(0);
  expect(table.stdout).toMatch(/^ORDER\s+STATUS\s+CUSTOMER/);
  expect(table.stdout).toContain(`2 order(s) for customer ${customer}.`);
  expect(table.stdout).toMatch(/More follow: add --all, or continue with --cursor \S+/);
  const all = await dofs(['order', 'list', '--customer', customer, '--all', '--json', ...target()]);
  const body = JSON.parse(all.stdout) as { items: { customer_id: string }[]; next_cursor: string | null };
  expect([body.items.length, body.next_cursor, body.items.every((o) => o.customer_id === customer)]).toEqual([3, null, true]);
});

it('runs a bounded load against the local API only', async () => {
  const r = await dofs(['load', '--orders', '12', '--concurrency', '3', '--json', ...target()]);
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout);
  expect(report).toMatchObject({ api_url: system.endpoints.api_url, sent: 12, outcomes: { '201 created': 12 } });
  expect(report.throughput_per_s).toBeGreaterThan(0);
  expect(report.latency_ms.p99).toBeGreaterThanOrEqual(report.latency_ms.p50);
});
