import type { FulfillmentMessage } from '@dofs/contracts';
import { FulfillmentFailedError } from '../errors';
import type { FulfillmentSimulator } from '../fulfillment-simulator';
import type { Clock, OrderStore } from '../ports';

export type FulfillmentOutcome = 'FULFILLED' | 'ALREADY_TERMINAL' | 'ORDER_NOT_FOUND';

/**
 * One fulfillment attempt for one message. Success marks the order FULFILLED. Failure records the
 * attempt and its error and throws FulfillmentFailedError, so SQS delivers the message again and,
 * after maxReceiveCount receives, moves it to the DLQ; the order becomes FAILED only there.
 * A redelivered message of a finished order changes nothing.
 *
 * The common case costs one conditional write and no read: the write itself holds only while the
 * order is PENDING. Only when it does not hold is the order read, to say why (absent or finished).
 */
export async function fulfillOrder(
  deps: { orders: OrderStore; simulator: FulfillmentSimulator; clock: Clock },
  message: FulfillmentMessage,
  attempt: number,
): Promise<FulfillmentOutcome> {
  const at = deps.clock.now().toISOString();
  if (deps.simulator.attempt(message.order_id, attempt)) {
    return (await deps.orders.markFulfilled(message.order_id, at)) ? 'FULFILLED' : whyNotPending(deps.orders, message.order_id);
  }
  const failure = new FulfillmentFailedError(message.order_id, attempt);
  const recorded = await deps.orders.recordFailedAttempt(message.order_id, { attempt, at, message: failure.message });
  // Absent (the workflow discarded it after it could not confirm the send), or terminal meanwhile
  // (a duplicate message won): nothing to retry.
  if (!recorded) return whyNotPending(deps.orders, message.order_id);
  throw failure;
}

async function whyNotPending(orders: OrderStore, orderId: string): Promise<FulfillmentOutcome> {
  return (await orders.get(orderId)) ? 'ALREADY_TERMINAL' : 'ORDER_NOT_FOUND';
}
