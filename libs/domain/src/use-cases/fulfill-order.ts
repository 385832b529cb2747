import type { FulfillmentMessage } from '@dofs/contracts';
import { AttemptsExhaustedError, FulfillmentFailedError } from '../errors';
import type { FulfillmentSimulator } from '../fulfillment-simulator';
import type { Clock, OrderStore } from '../ports';

export type FulfillmentOutcome = 'FULFILLED' | 'ALREADY_TERMINAL' | 'ORDER_NOT_FOUND';

export interface FulfillOrderDeps {
  readonly orders: OrderStore;
  readonly simulator: FulfillmentSimulator;
  readonly clock: Clock;
  /** The order's attempt budget: the queue's maxReceiveCount, so one message's receives can use it all. */
  readonly maxAttempts: number;
}

/**
 * One fulfillment attempt for one message. Success marks the order FULFILLED. Failure records the
 * attempt and its error and throws FulfillmentFailedError, so SQS delivers the message again and,
 * after maxReceiveCount receives, moves it to the DLQ; the order becomes FAILED only there.
 * A redelivered message of a finished order changes nothing.
 *
 * An order has maxAttempts attempts in all, however many messages carry it (at-least-once
 * delivery, or a re-sent POST of a PENDING order, can make two): once they are used, a further
 * message counts nothing and throws AttemptsExhaustedError, so it too ends in the DLQ.
 *
 * The common case costs one conditional write and no read: the write itself holds only while the
 * order is PENDING with attempts left. Only when it does not hold is the order read, to say why.
 */
export async function fulfillOrder(deps: FulfillOrderDeps, message: FulfillmentMessage, attempt: number): Promise<FulfillmentOutcome> {
  const at = deps.clock.now().toISOString();
  if (deps.simulator.attempt(message.order_id, attempt)) {
    if (await deps.orders.markFulfilled(message.order_id, at, deps.maxAttempts)) return 'FULFILLED';
    return whyNotCounted(deps, message.order_id);
  }
  const failure = new FulfillmentFailedError(message.order_id, attempt);
  if (await deps.orders.recordFailedAttempt(message.order_id, { attempt, at, message: failure.message }, deps.maxAttempts)) throw failure;
  return whyNotCounted(deps, message.order_id);
}

/**
 * Why a conditional write did not hold: absent (the workflow discarded it after it could not
 * confirm the send) or finished meanwhile (a duplicate message won), nothing to retry; or out of
 * attempts, on to the DLQ.
 */
async function whyNotCounted(deps: FulfillOrderDeps, orderId: string): Promise<FulfillmentOutcome> {
  const order = await deps.orders.get(orderId);
  if (!order) return 'ORDER_NOT_FOUND';
  if (order.status === 'PENDING') throw new AttemptsExhaustedError(orderId, deps.maxAttempts);
  return 'ALREADY_TERMINAL';
}
