import { AttemptsExhaustedError, FulfillmentFailedError } from '../errors';
import type { FulfillmentSimulator } from '../fulfillment-simulator';
import { InMemoryOrderStore, aFulfillmentMessage, anOrderRecord, fixedClock } from '../testing';
import { fulfillOrder } from './fulfill-order';

const succeeding: FulfillmentSimulator = { attempt: () => true };
const failing: FulfillmentSimulator = { attempt: () => false };

async function storeWith(record = anOrderRecord()) {
  const orders = new InMemoryOrderStore();
  await orders.createIfAbsent(record);
  return orders;
}

describe('fulfillOrder', () => {
  it('marks a pending order FULFILLED, counting the attempt', async () => {
    const orders = await storeWith();
    const outcome = await fulfillOrder({ orders, simulator: succeeding, clock: fixedClock(), maxAttempts: 3 }, aFulfillmentMessage(), 1);
    expect(outcome).toBe('FULFILLED');
    expect(await orders.get(aFulfillmentMessage().order_id)).toMatchObject({ status: 'FULFILLED', attempts: 1, fulfilled_at: '2026-11-21T10:00:00.000Z' });
  });

  it('records a failed attempt with its error, keeps the order PENDING and throws so SQS retries', async () => {
    const orders = await storeWith();
    const deps = { orders, simulator: failing, clock: fixedClock(), maxAttempts: 3 };
    await expect(fulfillOrder(deps, aFulfillmentMessage(), 1)).rejects.toThrow(FulfillmentFailedError);
    await expect(fulfillOrder(deps, aFulfillmentMessage(), 2)).rejects.toThrow(FulfillmentFailedError);
    const order = await orders.get(aFulfillmentMessage().order_id);
    expect(order).toMatchObject({ status: 'PENDING', attempts: 2, last_error: { attempt: 2 } });
  });

  it('changes nothing for a redelivered message of a finished order', async () => {
    const orders = await storeWith(anOrderRecord({ status: 'FULFILLED', attempts: 1 }));
    const before = await orders.get(aFulfillmentMessage().order_id);
    expect(await fulfillOrder({ orders, simulator: failing, clock: fixedClock(), maxAttempts: 3 }, aFulfillmentMessage(), 2)).toBe('ALREADY_TERMINAL');
    expect(await orders.get(aFulfillmentMessage().order_id)).toEqual(before);
  });

  it('does not fulfill a FAILED order', async () => {
    const orders = await storeWith(anOrderRecord({ status: 'FAILED', attempts: 3 }));
    expect(await fulfillOrder({ orders, simulator: succeeding, clock: fixedClock(), maxAttempts: 3 }, aFulfillmentMessage(), 4)).toBe('ALREADY_TERMINAL');
    expect((await orders.get(aFulfillmentMessage().order_id))?.status).toBe('FAILED');
  });

  it('acknowledges a message whose order is absent (discarded by the workflow)', async () => {
    const orders = new InMemoryOrderStore();
    expect(await fulfillOrder({ orders, simulator: succeeding, clock: fixedClock(), maxAttempts: 3 }, aFulfillmentMessage(), 1)).toBe('ORDER_NOT_FOUND');
    expect(orders.items.size).toBe(0);
  });

  it('fulfills a pending order with one conditional write and no read', async () => {
    const orders = await storeWith();
    const calls: string[] = [];
    const counted = new Proxy(orders, {
      get: (target, name, receiver) => {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => (calls.push(String(name)), (value as (...a: unknown[]) => unknown).apply(target, args));
      },
    });
    expect(await fulfillOrder({ orders: counted, simulator: succeeding, clock: fixedClock(), maxAttempts: 3 }, aFulfillmentMessage(), 1)).toBe('FULFILLED');
    expect(calls).toEqual(['markFulfilled']);
  });

  it('acknowledges a failed attempt for an absent order instead of retrying it', async () => {
    const orders = new InMemoryOrderStore();
    expect(await fulfillOrder({ orders, simulator: failing, clock: fixedClock(), maxAttempts: 3 }, aFulfillmentMessage(), 1)).toBe('ORDER_NOT_FOUND');
    expect(orders.items.size).toBe(0);
  });

  it('passes the receive count as the attempt number to the simulator', async () => {
    const seen: [string, number][] = [];
    const orders = await storeWith();
    const simulator: FulfillmentSimulator = { attempt: (id, n) => (seen.push([id, n]), true) };
    await fulfillOrder({ orders, simulator, clock: fixedClock(), maxAttempts: 3 }, aFulfillmentMessage(), 3);
    expect(seen).toEqual([[aFulfillmentMessage().order_id, 3]]);
  });

  describe('the attempt budget, across duplicate messages of one order', () => {
    it('counts no attempt past maxAttempts: a second message of an order that used them throws AttemptsExhaustedError', async () => {
      const orders = await storeWith();
      const deps = { orders, simulator: failing, clock: fixedClock(), maxAttempts: 3 };
      for (const receive of [1, 2, 3]) await expect(fulfillOrder(deps, aFulfillmentMessage(), receive)).rejects.toThrow(FulfillmentFailedError);
      // the duplicate's first receive
      await expect(fulfillOrder(deps, aFulfillmentMessage(), 1)).rejects.toThrow(AttemptsExhaustedError);
      expect(await orders.get(aFulfillmentMessage().order_id)).toMatchObject({ status: 'PENDING', attempts: 3, last_error: { attempt: 3 } });
    });

    it('does not fulfill an order that used its attempts: it is on its way to the DLQ and FAILED', async () => {
      const orders = await storeWith(anOrderRecord({ attempts: 3 }));
      await expect(fulfillOrder({ orders, simulator: succeeding, clock: fixedClock(), maxAttempts: 3 }, aFulfillmentMessage(), 1)).rejects.toThrow(
        AttemptsExhaustedError,
      );
      expect(await orders.get(aFulfillmentMessage().order_id)).toMatchObject({ status: 'PENDING', attempts: 3 });
    });

    it('lets two messages share the budget: a success on the last attempt left still counts', async () => {
      const orders = await storeWith(anOrderRecord({ attempts: 2 }));
      expect(await fulfillOrder({ orders, simulator: succeeding, clock: fixedClock(), maxAttempts: 3 }, aFulfillmentMessage(), 1)).toBe('FULFILLED');
      expect(await orders.get(aFulfillmentMessage().order_id)).toMatchObject({ status: 'FULFILLED', attempts: 3 });
    });

    it('still says ALREADY_TERMINAL, not exhausted, for a finished order with all attempts used', async () => {
      const orders = await storeWith(anOrderRecord({ status: 'FAILED', attempts: 3 }));
      expect(await fulfillOrder({ orders, simulator: failing, clock: fixedClock(), maxAttempts: 3 }, aFulfillmentMessage(), 1)).toBe('ALREADY_TERMINAL');
    });
  });
});
