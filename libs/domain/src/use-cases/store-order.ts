import type { DiscardOrderRequest, OrderStorageResult, StoreOrderRequest } from '@dofs/contracts';
import { IdempotencyConflictError } from '../errors';
import { newOrderRecord, toAcceptedView } from '../order';
import type { OrderStore } from '../ports';

/**
 * The StoreOrder task. A Step Functions retry, or a replay with the same Idempotency-Key and body,
 * finds the order already stored and succeeds with the same answer; another body under the same
 * key is a conflict.
 */
export async function storeOrder(orders: OrderStore, request: StoreOrderRequest): Promise<OrderStorageResult> {
  const { created, record } = await orders.createIfAbsent(
    newOrderRecord({
      orderId: request.order_id,
      request: request.order,
      requestHash: request.request_hash,
      correlationId: request.correlation_id,
      receivedAt: request.received_at,
    }),
  );
  if (!created && record.request_hash !== request.request_hash) throw new IdempotencyConflictError(request.order_id);
  return { created, status: record.status, order: toAcceptedView(record) };
}

/**
 * The DiscardOrder task: removes an order this execution created but could not queue, so that
 * nothing half-written is left and the client's retry starts clean.
 */
export async function discardOrder(orders: OrderStore, request: DiscardOrderRequest): Promise<{ discarded: boolean }> {
  return { discarded: await orders.discard(request.order_id, request.request_hash) };
}
