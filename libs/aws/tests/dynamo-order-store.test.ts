import { DynamoDBClient, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { TABLES } from '@dofs/contracts';
import { InMemoryOrderStore, anOrderRecord } from '@dofs/domain/testing';
import { createDocumentClient } from '../src/clients';
import { DynamoOrderStore } from '../src/dynamo-order-store';
import { startDynalite } from './local-services';

describe('DynamoOrderStore against dynalite', () => {
  let dynamo: Awaited<ReturnType<typeof startDynalite>>;
  let store: DynamoOrderStore;
  const client = () => createDocumentClient();

  beforeAll(async () => {
    dynamo = await startDynalite();
    store = new DynamoOrderStore(client(), TABLES.orders.name);
  });
  afterAll(() => dynamo.stop());

  const fresh = (suffix: string) => anOrderRecord({ order_id: `00000000-0000-4000-8000-${suffix.padStart(12, '0')}` });

  it('creates the table with the keys and indexes of contracts/resources.json', async () => {
    const { Table } = await new DynamoDBClient({}).send(new DescribeTableCommand({ TableName: 'orders' }));
    expect(Table?.KeySchema).toEqual([{ AttributeName: 'order_id', KeyType: 'HASH' }]);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(['customer_id-created_at-index', 'status-created_at-index']);
  });

  it('creates once; a second create returns the stored order untouched', async () => {
    const order = fresh('1');
    expect(await store.createIfAbsent(order)).toEqual({ created: true, record: order });
    const again = await store.createIfAbsent({ ...order, total_amount: 99, request_hash: 'f'.repeat(64) });
    expect(again).toEqual({ created: false, record: order });
    expect(await store.get(order.order_id)).toEqual(order);
  });

  it('guards every status transition with a condition', async () => {
    const order = fresh('2');
    await store.createIfAbsent(order);
    expect(await store.recordFailedAttempt(order.order_id, { attempt: 1, at: '2026-11-21T10:00:01.000Z', message: 'boom' }, 3)).toBe(true);
    expect(await store.markFulfilled(order.order_id, '2026-11-21T10:00:02.000Z', 3)).toBe(true);
    expect(await store.markFulfilled(order.order_id, '2026-11-21T10:00:03.000Z', 3)).toBe(false);
    expect(await store.markFailed(order.order_id, 'late', '2026-11-21T10:00:04.000Z')).toBe(false);
    expect(await store.recordFailedAttempt(order.order_id, { attempt: 2, at: 'x', message: 'late' }, 3)).toBe(false);
    expect(await store.get(order.order_id)).toMatchObject({
      status: 'FULFILLED',
      attempts: 2,
      fulfilled_at: '2026-11-21T10:00:02.000Z',
      updated_at: '2026-11-21T10:00:02.000Z',
      last_error: { attempt: 1, message: 'boom' },
    });
  });

  it('marks FAILED only from PENDING', async () => {
    const order = fresh('3');
    await store.createIfAbsent(order);
    expect(await store.markFailed(order.order_id, 'gave up', '2026-11-21T10:01:00.000Z')).toBe(true);
    expect(await store.markFulfilled(order.order_id, '2026-11-21T10:02:00.000Z', 3)).toBe(false);
    expect(await store.get(order.order_id)).toMatchObject({ status: 'FAILED', failure_reason: 'gave up' });
  });

  it('discards only an unattempted PENDING order of the same request', async () => {
    const order = fresh('4');
    await store.createIfAbsent(order);
    expect(await store.discard(order.order_id, 'f'.repeat(64))).toBe(false);
    expect(await store.discard(order.order_id, order.request_hash)).toBe(true);
    expect(await store.get(order.order_id)).toBeUndefined();
    expect(await store.discard(order.order_id, order.request_hash)).toBe(false);
  });

  it('answers absent orders and absent transitions with undefined and false', async () => {
    const missing = fresh('5').order_id;
    expect(await store.get(missing)).toBeUndefined();
    expect(await store.markFulfilled(missing, 'x', 3)).toBe(false);
  });

  it('counts attempts only within the budget, however many messages try', async () => {
    const order = fresh('7');
    await store.createIfAbsent(order);
    for (const attempt of [1, 2]) expect(await store.recordFailedAttempt(order.order_id, { attempt, at: `t${attempt}`, message: 'no' }, 2)).toBe(true);
    expect(await store.recordFailedAttempt(order.order_id, { attempt: 1, at: 't3', message: 'duplicate' }, 2)).toBe(false);
    expect(await store.markFulfilled(order.order_id, 't4', 2)).toBe(false);
    expect(await store.get(order.order_id)).toMatchObject({ status: 'PENDING', attempts: 2, last_error: { attempt: 2, message: 'no' } });
    // the budget does not stand in the way of FAILED, which the DLQ processor writes
    expect(await store.markFailed(order.order_id, 'out of attempts', 't5')).toBe(true);
  });

  it('behaves exactly like the in-memory store the unit tests use', async () => {
    const memory = new InMemoryOrderStore();
    const order = fresh('6');
    const second = fresh('8');
    const steps = async (s: DynamoOrderStore | InMemoryOrderStore) => [
      (await s.createIfAbsent(order)).created,
      (await s.createIfAbsent(order)).created,
      await s.recordFailedAttempt(order.order_id, { attempt: 1, at: 't1', message: 'm' }, 3),
      await s.discard(order.order_id, order.request_hash),
      await s.markFailed(order.order_id, 'r', 't2'),
      await s.markFulfilled(order.order_id, 't3', 3),
      await s.get(order.order_id),
      (await s.createIfAbsent(second)).created,
      await s.recordFailedAttempt(second.order_id, { attempt: 1, at: 't4', message: 'm' }, 1),
      await s.recordFailedAttempt(second.order_id, { attempt: 1, at: 't5', message: 'm' }, 1),
      await s.markFulfilled(second.order_id, 't6', 1),
      await s.markFulfilled(second.order_id, 't6', 2),
      await s.get(second.order_id),
    ];
    expect(await steps(store)).toEqual(await steps(memory));
  });
});
