import type { CreateOrderRequest, Order } from '@dofs/contracts';
import { IdempotencyConflictError, OrderRejectedError, WorkflowFailedError } from '../errors';
import { newOrderId, orderIdForKey, requestHash } from '../idempotency';
import type { Clock, OrderWorkflow } from '../ports';

export interface SubmitOrder {
  readonly request: CreateOrderRequest;
  readonly idempotencyKey: string | undefined;
  readonly correlationId: string;
}

export interface SubmittedOrder {
  readonly order: Order;
  /** true when an earlier request with the same Idempotency-Key created the order. */
  readonly replayed: boolean;
}

/**
 * POST /order: runs the order workflow synchronously and turns how it ended into an answer.
 * Throws OrderRejectedError (422), IdempotencyConflictError (409) or WorkflowFailedError (503).
 */
export async function submitOrder(
  deps: { workflow: OrderWorkflow; clock: Clock },
  { request, idempotencyKey, correlationId }: SubmitOrder,
): Promise<SubmittedOrder> {
  const orderId = idempotencyKey === undefined ? newOrderId() : orderIdForKey(idempotencyKey);
  const result = await deps.workflow.run({
    order_id: orderId,
    request_hash: requestHash(request),
    correlation_id: correlationId,
    received_at: deps.clock.now().toISOString(),
    order: request,
  });
  if (result.status === 'SUCCEEDED') {
    const { output } = result;
    if (output.outcome === 'REJECTED') throw new OrderRejectedError(output.order_id, output.violations);
    return { order: output.order, replayed: !output.created };
  }
  if (result.error === 'IdempotencyConflict') throw new IdempotencyConflictError(orderId);
  throw new WorkflowFailedError(result.status === 'TIMED_OUT' ? 'TimedOut' : result.error, result.cause);
}
