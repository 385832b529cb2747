// GET /orders end to end: the real gateway, the real api-handler bundle querying dynalite's
// indexes, orders created through the real workflow and failed by the real retries and DLQ.
import { startLocalSystem, type LocalSystem } from '@dofs/local-client';
import { getOrder, postOrder, request, type ErrorBody, type Order } from '../support/api';
import { validOrder } from '../support/orders';
import { waitFor } from '../support/wait-for';

interface ListedOrder extends Order {
  customer_id: string;
  created_at: string;
}
interface Page {
  items: ListedOrder[];
  next_cursor?: string;
}

let system: LocalSystem;
const run = Math.random().toString(36).slice(2, 8);
const ALICE = `list-alice-${run}`;
const BOB = `list-bob-${run}`;
const created: Record<string, string[]> = { [ALICE]: [], [BOB]: [] };
let startedAt: string;

const list = (query: Record<string, string>) =>
  request<Page & ErrorBody>(`${system.apiUrl}/orders?${new URLSearchParams(query).toString()}`, { headers: { 'x-api-key': system.apiKey } });

beforeAll(async () => {
  // Every attempt fails and the first failure dead-letters: each order is FAILED within seconds.
  system = await startLocalSystem({ successRate: 0, maxReceiveCount: 1, visibilityTimeoutSeconds: 1 });
  startedAt = new Date(Date.now() - 1000).toISOString();
  // interleaved, one after another, so that creation order is known
  for (const customer of [ALICE, BOB, ALICE, ALICE, BOB, ALICE, BOB, ALICE]) {
    const answer = await postOrder(system, validOrder({ customer_id: customer }));
    expect(answer.status).toBe(201);
    created[customer]?.push(answer.body.order_id);
  }
});

afterAll(async () => {
  await system?.stop();
});

it('lists each customer only their own orders, newest first', async () => {
  for (const customer of [ALICE, BOB]) {
    const { status, body } = await list({ customer_id: customer });
    expect(status).toBe(200);
    expect(body.items.every((o) => o.customer_id === customer)).toBe(true);
    expect(body.items.map((o) => o.order_id).sort()).toEqual([...(created[customer] ?? [])].sort());
    const times = body.items.map((o) => o.created_at);
    expect(times).toEqual([...times].sort().reverse());
    expect(body.next_cursor).toBeUndefined();
  }
});

it('pages through with a small limit and gets every order exactly once, and no empty last page', async () => {
  const seen: string[] = [];
  const pages: number[] = [];
  let cursor: string | undefined;
  do {
    const answer: { status: number; body: Page } = await list({ customer_id: ALICE, limit: '2', ...(cursor && { cursor }) });
    expect(answer.status).toBe(200);
    pages.push(answer.body.items.length);
    seen.push(...answer.body.items.map((o) => o.order_id));
    cursor = answer.body.next_cursor;
  } while (cursor);
  expect(pages).toEqual([2, 2, 1]);
  expect(seen).toHaveLength(5);
  expect(new Set(seen)).toEqual(new Set(created[ALICE]));
  // oldest first, the same orders in the reverse order
  const ascending = await list({ customer_id: ALICE, order: 'asc', limit: '100' });
  expect(ascending.body.items.map((o) => o.order_id)).toEqual([...seen].reverse());
});

it("refuses one customer's cursor for another customer: 400 INVALID_CURSOR, nothing listed", async () => {
  const first = await list({ customer_id: ALICE, limit: '1' });
  const answer = await list({ customer_id: BOB, limit: '1', cursor: first.body.next_cursor ?? '' });
  expect(answer.status).toBe(400);
  expect(answer.body.error).toMatchObject({ code: 'INVALID_CURSOR', details: [{ path: 'cursor', problem: expect.stringContaining('another query') }] });
  expect(answer.body).not.toHaveProperty('items');
});

it('answers a query the gateway lets through but the contract forbids with the one error body', async () => {
  const neither = await list({});
  expect(neither.status).toBe(400);
  expect(neither.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: '', problem: 'give exactly one of customer_id and status' }] });
  const badLimit = await list({ status: 'FAILED', limit: '500' });
  expect(badLimit.body.error?.details).toEqual([{ path: 'limit', problem: 'must be an integer from 1 to 100' }]);
});

it('lists the FAILED orders after a run at success rate 0', async () => {
  const all = [...(created[ALICE] ?? []), ...(created[BOB] ?? [])];
  await waitFor('every order to be FAILED', async () => {
    for (const id of all) if ((await getOrder(system, id)).body.status !== 'FAILED') return undefined;
    return true;
  });
  // the index follows the table (eventually, on AWS)
  const failed = await waitFor('the FAILED list to hold every order', async () => {
    const { body } = await list({ status: 'FAILED', created_after: startedAt, limit: '100' });
    return all.every((id) => body.items.some((o) => o.order_id === id)) ? body : undefined;
  });
  expect(failed.items.every((o) => o.status === 'FAILED')).toBe(true);
  const pending = await list({ status: 'PENDING', created_after: startedAt });
  expect(pending.body.items.filter((o) => all.includes(o.order_id))).toEqual([]);
});
