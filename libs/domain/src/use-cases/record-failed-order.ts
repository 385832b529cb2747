import type { FailedOrderRecord, FulfillmentMessage } from '@dofs/contracts';
import { parseFulfillmentMessage } from '../message-parsers';
import { InvalidMessageError } from '../errors';
import type { Clock, FailedOrderStore, OrderStore } from '../ports';

export interface DeadLetter {
  readonly messageId: string;
  readonly body: string;
  /** How often order_queue delivered the message before redriving it. */
  readonly receiveCount: number;
}

export type FailedOrderOutcome =
  /** failed_orders written by this call: count it for the alarm. */
  | 'RECORDED'
  /** written before (a redelivered DLQ message): not counted again. */
  | 'ALREADY_RECORDED'
  /** the order reached FULFILLED after all (a duplicate message failed): nothing failed. */
  | 'ORDER_FULFILLED';

/**
 * The DLQ processor's use case: mark the order FAILED, then keep the failure in failed_orders
 * (once). FAILED first, because that conditional write (PENDING -> FAILED) is what decides, at
 * once, between this dead letter and a duplicate message of the same order that fulfils it at the
 * same moment: the row is written only for an order that is FAILED. A crash or an error between
 * the two writes leaves work a redelivery finishes: it finds the order FAILED and writes the row.
 * A message that breaks the contract is kept too, under invalid-message:<id>, so nothing is lost.
 */
export async function recordFailedOrder(
  deps: { orders: OrderStore; failedOrders: FailedOrderStore; clock: Clock },
  letter: DeadLetter,
): Promise<FailedOrderOutcome> {
  const failedAt = deps.clock.now().toISOString();
  let message: FulfillmentMessage;
  try {
    message = parseFulfillmentMessage(letter.body);
  } catch (error) {
    if (!(error instanceof InvalidMessageError)) throw error;
    const written = await deps.failedOrders.putIfAbsent({
      order_id: `invalid-message:${letter.messageId}`,
      reason: 'INVALID_MESSAGE',
      failed_at: failedAt,
      receive_count: letter.receiveCount,
      attempts: 0,
      last_error: error.message,
      message_id: letter.messageId,
      message_body: letter.body,
    });
    return written ? 'RECORDED' : 'ALREADY_RECORDED';
  }

  const order = await deps.orders.get(message.order_id);
  if (order?.status === 'FULFILLED') return 'ORDER_FULFILLED';
  if (order?.status === 'PENDING') {
    const reason = `Fulfillment failed after ${order.attempts} attempt(s)${order.last_error ? `: ${order.last_error.message}` : ''}`;
    const marked = await deps.orders.markFailed(message.order_id, reason, failedAt);
    // lost to a duplicate message that fulfilled the order since the read: nothing failed
    if (!marked && (await deps.orders.get(message.order_id))?.status === 'FULFILLED') return 'ORDER_FULFILLED';
  }

  const record: FailedOrderRecord = {
    order_id: message.order_id,
    reason: order ? 'MAX_RECEIVES_EXCEEDED' : 'ORDER_NOT_FOUND',
    // a redelivery that finishes the work keeps the time the order became FAILED
    failed_at: order?.failed_at ?? failedAt,
    receive_count: letter.receiveCount,
    attempts: order?.attempts ?? 0,
    customer_id: message.customer_id,
    total_amount: message.total_amount,
    currency: message.currency,
    correlation_id: message.correlation_id,
    message_id: letter.messageId,
    message_body: letter.body,
  };
  if (order?.last_error) record.last_error = order.last_error.message;
  // Counted by the call that writes the row, the last write: when anything before it fails, the
  // redelivery writes the row and is the one that counts the failure the alarm watches.
  return (await deps.failedOrders.putIfAbsent(record)) ? 'RECORDED' : 'ALREADY_RECORDED';
}
