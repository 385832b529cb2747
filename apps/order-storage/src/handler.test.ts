import { validateOrderStorageResult } from '@dofs/contracts';
import { aLambdaContext, captureLogs } from '@dofs/aws/testing';
import { createLogger } from '@dofs/aws';
import { IdempotencyConflictError, InvalidMessageError, requestHash } from '@dofs/domain';
import { InMemoryOrderStore, aStoreRequest, anOrderRequest } from '@dofs/domain/testing';
import { createOrderStorageHandler } from './handler';

function setUp() {
  const orders = new InMemoryOrderStore();
  return { orders, handler: createOrderStorageHandler({ orders, logger: createLogger('order-storage') }) };
}
captureLogs();

describe('order-storage handler', () => {
  it('stores an order and answers in the task result contract', async () => {
    const { handler, orders } = setUp();
    const result = await handler(aStoreRequest(), aLambdaContext());
    expect(validateOrderStorageResult(result)).toBe(true);
    expect(result).toMatchObject({ created: true, status: 'PENDING' });
    expect(orders.items.size).toBe(1);
  });

  it('answers a Step Functions retry with the same order, created false', async () => {
    const { handler } = setUp();
    const first = await handler(aStoreRequest(), aLambdaContext());
    const retry = await handler(aStoreRequest(), aLambdaContext());
    expect(retry).toEqual({ ...first, created: false });
  });

  it('throws IdempotencyConflictError (caught by the workflow) for another body under the same id', async () => {
    const { handler } = setUp();
    await handler(aStoreRequest(), aLambdaContext());
    const other = anOrderRequest({ total_amount: 10, items: [{ product_id: 'z', quantity: 1, price: 10 }] });
    await expect(handler(aStoreRequest({ order: other, request_hash: requestHash(other) }), aLambdaContext())).rejects.toThrow(IdempotencyConflictError);
  });

  it('discards the order it stored for this request', async () => {
    const { handler, orders } = setUp();
    await handler(aStoreRequest(), aLambdaContext());
    const { order_id, request_hash, correlation_id } = aStoreRequest();
    expect(await handler({ action: 'discard', order_id, request_hash, correlation_id }, aLambdaContext())).toEqual({ discarded: true });
    expect(orders.items.size).toBe(0);
  });

  it.each([
    ['an unknown action', { ...aStoreRequest(), action: 'upsert' }],
    ['a missing order', { ...aStoreRequest(), order: undefined }],
    ['a store request with a discard shape', { action: 'store', order_id: aStoreRequest().order_id, request_hash: aStoreRequest().request_hash, correlation_id: 'c' }],
    ['null', null],
  ])('throws InvalidMessageError for %s, writing nothing', async (_, event) => {
    const { handler, orders } = setUp();
    await expect(handler(event, aLambdaContext())).rejects.toThrow(InvalidMessageError);
    expect(orders.items.size).toBe(0);
  });
});
