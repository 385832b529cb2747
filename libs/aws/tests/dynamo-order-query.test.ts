import { TABLES } from '@dofs/contracts';
import type { OrderListQuery, OrderRecord, PagePosition } from '@dofs/domain';
import { InMemoryOrderStore, anOrderRecord } from '@dofs/domain/testing';
import { createDocumentClient } from '../src/clients';
import { DynamoOrderStore, pageQueryInput } from '../src/dynamo-order-store';
import { startDynalite } from './local-services';

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (n: number): string => new Date(Date.UTC(2026, 10, 21, 10, 0, n)).toISOString();

/** 12 orders: customers a (odd) and b (even), every third one FAILED, one second apart. */
const ORDERS: OrderRecord[] = Array.from({ length: 12 }, (_, i) =>
  anOrderRecord({ order_id: id(i + 1), customer_id: i % 2 ? 'b' : 'a', created_at: at(i + 1), status: (i + 1) % 3 === 0 ? 'FAILED' : 'PENDING' }),
);

const QUERIES: [string, OrderListQuery][] = [
  ['customer a, newest first', { select: { by: 'customer_id', value: 'a' }, order: 'desc', limit: 4 }],
  ['customer b, oldest first, in a range', { select: { by: 'customer_id', value: 'b' }, order: 'asc', limit: 2, createdAfter: at(4), createdBefore: at(12) }],
  ['FAILED, newest first', { select: { by: 'status', value: 'FAILED' }, order: 'desc', limit: 1 }],
  ['PENDING since a time', { select: { by: 'status', value: 'PENDING' }, order: 'desc', limit: 3, createdAfter: at(5) }],
  ['PENDING before a time', { select: { by: 'status', value: 'PENDING' }, order: 'asc', limit: 100, createdBefore: at(5) }],
  ['an unknown customer', { select: { by: 'customer_id', value: 'nobody' }, order: 'desc', limit: 25 }],
  ['an empty range', { select: { by: 'customer_id', value: 'a' }, order: 'desc', limit: 25, createdAfter: at(5), createdBefore: at(5) }],
];

/** Every page of a query, following the last order of each page, as the use case does. */
async function allPages(store: DynamoOrderStore | InMemoryOrderStore, query: OrderListQuery): Promise<string[][]> {
  const pages: string[][] = [];
  let after: PagePosition | undefined;
  for (;;) {
    const { records, more } = await store.list(query, after);
    pages.push(records.map((r) => r.order_id));
    const last = records.at(-1);
    if (!more || !last) return pages;
    after = { created_at: last.created_at, order_id: last.order_id };
  }
}

describe('DynamoOrderStore.list against dynalite', () => {
  let dynamo: Awaited<ReturnType<typeof startDynalite>>;
  let store: DynamoOrderStore;
  const memory = new InMemoryOrderStore();
  const sent: { name: string; input: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    dynamo = await startDynalite();
    const client = createDocumentClient();
    client.middlewareStack.add((next, context) => async (args) => {
      sent.push({ name: String(context.commandName), input: args.input as Record<string, unknown> });
      return next(args);
    });
    store = new DynamoOrderStore(client, TABLES.orders.name);
    for (const order of ORDERS) {
      await store.createIfAbsent(order);
      await memory.createIfAbsent(order);
    }
    sent.length = 0;
  });
  afterAll(() => dynamo.stop());

  it("lists a customer's orders only, newest first, in pages with no empty last page", async () => {
    expect(await allPages(store, QUERIES[0]![1])).toEqual([
      [id(11), id(9), id(7), id(5)],
      [id(3), id(1)],
    ]);
  });

  it.each(QUERIES)('pages through %s exactly as the in-memory store the unit tests use', async (_, query) => {
    expect(await allPages(store, query)).toEqual(await allPages(memory, query));
  });

  it('runs each page as Queries on the index of the selection, never a Scan, asking one order more than the page', async () => {
    sent.length = 0;
    await store.list({ select: { by: 'status', value: 'FAILED' }, order: 'desc', limit: 2, createdAfter: at(1), createdBefore: at(10) });
    expect(sent).toEqual([
      {
        name: 'QueryCommand',
        input: expect.objectContaining({
          TableName: 'orders',
          IndexName: 'status-created_at-index',
          KeyConditionExpression: '#key = :key AND #created BETWEEN :after AND :last',
          ExpressionAttributeValues: { ':key': 'FAILED', ':after': at(1), ':last': '2026-11-21T10:00:09.999Z' },
          ScanIndexForward: false,
          Limit: 3,
        }),
      },
    ]);
  });

  it('starts the next page right after the given position, on the customer index', async () => {
    sent.length = 0;
    const { records } = await store.list({ select: { by: 'customer_id', value: 'b' }, order: 'asc', limit: 2 }, { created_at: at(4), order_id: id(4) });
    expect(records.map((r) => r.order_id)).toEqual([id(6), id(8)]);
    expect(sent[0]?.input).toMatchObject({
      IndexName: 'customer_id-created_at-index',
      KeyConditionExpression: '#key = :key',
      ExclusiveStartKey: { customer_id: 'b', created_at: at(4), order_id: id(4) },
      ScanIndexForward: true,
    });
  });

  it('asks nothing for an empty range', () => {
    expect(pageQueryInput('orders', QUERIES[6]![1])).toBeUndefined();
  });
});
