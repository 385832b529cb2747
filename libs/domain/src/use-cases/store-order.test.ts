import { IdempotencyConflictError } from '../errors';
import { requestHash } from '../idempotency';
import { InMemoryOrderStore, aStoreRequest, anOrderRequest } from '../testing';
import { discardOrder, storeOrder } from './store-order';

describe('storeOrder', () => {
  it('stores a new order as PENDING and answers with the accepted view', async () => {
    const orders = new InMemoryOrderStore();
    const result = await storeOrder(orders, aStoreRequest());
    expect(result.created).toBe(true);
    expect(result.status).toBe('PENDING');
    expect(result.order).toMatchObject({ order_id: aStoreRequest().order_id, status: 'PENDING', attempts: 0, total_amount: 25.5, currency: 'USD' });
    expect(orders.items.get(aStoreRequest().order_id)?.request_hash).toBe(aStoreRequest().request_hash);
  });

  it('answers a retry or replay of the same request with the same order and no second write', async () => {
    const orders = new InMemoryOrderStore();
    const first = await storeOrder(orders, aStoreRequest());
    const replay = await storeOrder(orders, aStoreRequest({ received_at: '2026-11-21T11:00:00.000Z' }));
    expect(replay).toEqual({ ...first, created: false });
    expect(replay.order.created_at).toBe('2026-11-21T10:00:00.000Z');
  });

  it('keeps answering the accepted view after the order moved on, with its current status', async () => {
    const orders = new InMemoryOrderStore();
    const first = await storeOrder(orders, aStoreRequest());
    await orders.markFulfilled(first.order.order_id, '2026-11-21T10:00:05.000Z', 3);
    const replay = await storeOrder(orders, aStoreRequest());
    expect(replay.status).toBe('FULFILLED');
    expect(replay.order).toEqual(first.order);
  });

  it('refuses the same order id with another body', async () => {
    const orders = new InMemoryOrderStore();
    await storeOrder(orders, aStoreRequest());
    const other = anOrderRequest({ total_amount: 30, items: [{ product_id: 'x', quantity: 1, price: 30 }] });
    await expect(storeOrder(orders, aStoreRequest({ order: other, request_hash: requestHash(other) }))).rejects.toThrow(IdempotencyConflictError);
  });
});

describe('discardOrder', () => {
  it('removes an unattempted order stored for this request, and nothing else', async () => {
    const orders = new InMemoryOrderStore();
    const { order } = await storeOrder(orders, aStoreRequest());
    const request = { action: 'discard' as const, order_id: order.order_id, request_hash: 'f'.repeat(64), correlation_id: 'c' };
    expect(await discardOrder(orders, request)).toEqual({ discarded: false });
    expect(await discardOrder(orders, { ...request, request_hash: aStoreRequest().request_hash })).toEqual({ discarded: true });
    expect(orders.items.size).toBe(0);
  });

  it('keeps an order that was attempted already', async () => {
    const orders = new InMemoryOrderStore();
    const { order } = await storeOrder(orders, aStoreRequest());
    await orders.recordFailedAttempt(order.order_id, { attempt: 1, at: 'now', message: 'x' }, 3);
    const request = { action: 'discard' as const, order_id: order.order_id, request_hash: aStoreRequest().request_hash, correlation_id: 'c' };
    expect(await discardOrder(orders, request)).toEqual({ discarded: false });
  });
});
