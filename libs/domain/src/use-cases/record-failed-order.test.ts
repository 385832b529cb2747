import { validateFailedOrderRecord } from '@dofs/contracts';
import { InMemoryFailedOrderStore, InMemoryOrderStore, aFulfillmentMessage, anOrderRecord, fixedClock } from '../testing';
import { recordFailedOrder } from './record-failed-order';

const letter = (body = JSON.stringify(aFulfillmentMessage())) => ({ messageId: 'msg-1', body, receiveCount: 3 });

async function setUp(record = anOrderRecord({ attempts: 3, last_error: { attempt: 3, at: 't', message: 'boom' } })) {
  const orders = new InMemoryOrderStore();
  await orders.createIfAbsent(record);
  const failedOrders = new InMemoryFailedOrderStore();
  return { orders, failedOrders, clock: fixedClock() };
}

describe('recordFailedOrder', () => {
  it('writes failed_orders and marks the order FAILED with the reason', async () => {
    const deps = await setUp();
    expect(await recordFailedOrder(deps, letter())).toBe('RECORDED');
    const failed = await deps.failedOrders.get(aFulfillmentMessage().order_id);
    expect(validateFailedOrderRecord(failed)).toBe(true);
    expect(failed).toMatchObject({ reason: 'MAX_RECEIVES_EXCEEDED', attempts: 3, receive_count: 3, last_error: 'boom', message_id: 'msg-1' });
    expect(await deps.orders.get(aFulfillmentMessage().order_id)).toMatchObject({
      status: 'FAILED',
      failed_at: '2026-11-21T10:00:00.000Z',
      failure_reason: 'Fulfillment failed after 3 attempt(s): boom',
    });
  });

  it('is idempotent: a redelivered DLQ message writes nothing twice and is not counted again', async () => {
    const deps = await setUp();
    await recordFailedOrder(deps, letter());
    const first = await deps.failedOrders.get(aFulfillmentMessage().order_id);
    deps.clock.advance(60_000);
    expect(await recordFailedOrder(deps, letter())).toBe('ALREADY_RECORDED');
    expect(await deps.failedOrders.get(aFulfillmentMessage().order_id)).toEqual(first);
    expect((await deps.orders.get(aFulfillmentMessage().order_id))?.failed_at).toBe('2026-11-21T10:00:00.000Z');
  });

  it('counts the failure once when the row could not be written after the order was marked FAILED (a dynamodb.error)', async () => {
    const deps = await setUp();
    const putIfAbsent = deps.failedOrders.putIfAbsent.bind(deps.failedOrders);
    let calls = 0;
    deps.failedOrders.putIfAbsent = async (record) => {
      if (calls++ === 0) throw new Error('InternalServerError');
      return putIfAbsent(record);
    };
    await expect(recordFailedOrder(deps, letter())).rejects.toThrow('InternalServerError');
    expect((await deps.orders.get(aFulfillmentMessage().order_id))?.status).toBe('FAILED');
    expect(deps.failedOrders.items.size).toBe(0);
    // the redelivery finishes the work, keeps the time the order failed, and is the one that counts it
    deps.clock.advance(5_000);
    expect(await recordFailedOrder(deps, letter())).toBe('RECORDED');
    expect(await deps.failedOrders.get(aFulfillmentMessage().order_id)).toMatchObject({ failed_at: '2026-11-21T10:00:00.000Z', attempts: 3, last_error: 'boom' });
    expect(await recordFailedOrder(deps, letter())).toBe('ALREADY_RECORDED');
  });

  it('writes nothing when marking the order FAILED fails; the redelivery records it once', async () => {
    const deps = await setUp();
    const markFailed = deps.orders.markFailed.bind(deps.orders);
    let calls = 0;
    deps.orders.markFailed = async (...args) => {
      if (calls++ === 0) throw new Error('InternalServerError');
      return markFailed(...args);
    };
    await expect(recordFailedOrder(deps, letter())).rejects.toThrow('InternalServerError');
    expect(deps.failedOrders.items.size).toBe(0);
    expect((await deps.orders.get(aFulfillmentMessage().order_id))?.status).toBe('PENDING');
    expect(await recordFailedOrder(deps, letter())).toBe('RECORDED');
    expect((await deps.orders.get(aFulfillmentMessage().order_id))?.status).toBe('FAILED');
  });

  it('writes no row when a duplicate message fulfils the order between the read and the FAILED mark', async () => {
    const deps = await setUp(anOrderRecord({ attempts: 1 }));
    const get = deps.orders.get.bind(deps.orders);
    let reads = 0;
    deps.orders.get = async (orderId) => {
      const seen = await get(orderId);
      // the duplicate's success lands right after the dead letter's first read
      if (reads++ === 0) await deps.orders.markFulfilled(orderId, '2026-11-21T10:00:00.500Z', 3);
      return seen;
    };
    expect(await recordFailedOrder(deps, letter())).toBe('ORDER_FULFILLED');
    expect(deps.failedOrders.items.size).toBe(0);
    expect((await get(aFulfillmentMessage().order_id))?.status).toBe('FULFILLED');
  });

  it('leaves a FULFILLED order alone: a duplicate message failed, the order did not', async () => {
    const deps = await setUp(anOrderRecord({ status: 'FULFILLED', attempts: 1 }));
    expect(await recordFailedOrder(deps, letter())).toBe('ORDER_FULFILLED');
    expect(deps.failedOrders.items.size).toBe(0);
  });

  it('keeps a message that breaks the contract under invalid-message:<id>, with its body', async () => {
    const deps = await setUp();
    expect(await recordFailedOrder(deps, letter('{"oops":'))).toBe('RECORDED');
    const failed = await deps.failedOrders.get('invalid-message:msg-1');
    expect(validateFailedOrderRecord(failed)).toBe(true);
    expect(failed).toMatchObject({ reason: 'INVALID_MESSAGE', message_body: '{"oops":' });
    expect(failed?.last_error).toContain('not valid JSON');
  });

  it('records a message whose order does not exist as ORDER_NOT_FOUND', async () => {
    const deps = await setUp();
    const orphan = JSON.stringify(aFulfillmentMessage({ order_id: '00000000-0000-4000-8000-000000000000' }));
    expect(await recordFailedOrder(deps, letter(orphan))).toBe('RECORDED');
    expect(await deps.failedOrders.get('00000000-0000-4000-8000-000000000000')).toMatchObject({ reason: 'ORDER_NOT_FOUND', attempts: 0 });
  });
});
