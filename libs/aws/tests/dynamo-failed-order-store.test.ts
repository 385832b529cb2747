import type { FailedOrderRecord } from '@dofs/contracts';
import { TABLES } from '@dofs/contracts';
import { createDocumentClient } from '../src/clients';
import { DynamoFailedOrderStore } from '../src/dynamo-failed-order-store';
import { startDynalite } from './local-services';

const record = (n: number): FailedOrderRecord => ({
  order_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  reason: 'MAX_RECEIVES_EXCEEDED',
  failed_at: '2026-11-21T10:00:00.000Z',
  receive_count: 3,
  attempts: 3,
  message_id: `m-${n}`,
  message_body: '{}',
});

describe('DynamoFailedOrderStore against dynalite', () => {
  let dynamo: Awaited<ReturnType<typeof startDynalite>>;
  let store: DynamoFailedOrderStore;
  beforeAll(async () => {
    dynamo = await startDynalite();
    store = new DynamoFailedOrderStore(createDocumentClient(), TABLES.failed_orders.name);
  });
  afterAll(() => dynamo.stop());

  it('writes a record once', async () => {
    expect(await store.putIfAbsent(record(1))).toBe(true);
    expect(await store.putIfAbsent({ ...record(1), attempts: 9 })).toBe(false);
    expect(await store.get(record(1).order_id)).toEqual(record(1));
  });

  it('lists records page by page', async () => {
    for (const n of [2, 3, 4]) await store.putIfAbsent(record(n));
    const first = await store.list(2);
    expect(first.records).toHaveLength(2);
    expect(first.cursor).toBeDefined();
    const rest = await store.list(10, first.cursor);
    const ids = [...first.records, ...rest.records].map((r) => r.order_id).sort();
    expect(ids).toEqual([1, 2, 3, 4].map((n) => record(n).order_id));
  });
});
