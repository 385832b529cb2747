import type { AttemptError, CreateOrderRequest, OrderLine, OrderStatus, Order } from '@dofs/contracts';

export const DEFAULT_CURRENCY = 'USD';

/** An order as the orders table holds it: the API's view plus what idempotency needs. */
export interface OrderRecord {
  readonly order_id: string;
  readonly status: OrderStatus;
  readonly customer_id: string;
  readonly items: readonly OrderLine[];
  readonly total_amount: number;
  readonly currency: string;
  readonly attempts: number;
  readonly created_at: string;
  readonly updated_at: string;
  readonly request_hash: string;
  readonly correlation_id: string;
  readonly last_error?: AttemptError;
  readonly fulfilled_at?: string;
  readonly failed_at?: string;
  readonly failure_reason?: string;
}

export interface NewOrder {
  readonly orderId: string;
  readonly request: CreateOrderRequest;
  readonly requestHash: string;
  readonly correlationId: string;
  readonly receivedAt: string;
}

export function newOrderRecord({ orderId, request, requestHash, correlationId, receivedAt }: NewOrder): OrderRecord {
  return {
    order_id: orderId,
    status: 'PENDING',
    customer_id: request.customer_id,
    items: request.items.map(({ product_id, quantity, price }) => ({ product_id, quantity, price })),
    total_amount: request.total_amount,
    currency: request.currency ?? DEFAULT_CURRENCY,
    attempts: 0,
    created_at: receivedAt,
    updated_at: receivedAt,
    request_hash: requestHash,
    correlation_id: correlationId,
  };
}

/** The order as the API shows it now. */
export function toOrder(record: OrderRecord): Order {
  const view: Order = {
    order_id: record.order_id,
    status: record.status,
    customer_id: record.customer_id,
    items: record.items.map((line) => ({ ...line })),
    total_amount: record.total_amount,
    currency: record.currency,
    attempts: record.attempts,
    created_at: record.created_at,
    updated_at: record.updated_at,
  };
  if (record.last_error) view.last_error = { ...record.last_error };
  if (record.fulfilled_at) view.fulfilled_at = record.fulfilled_at;
  if (record.failed_at) view.failed_at = record.failed_at;
  if (record.failure_reason) view.failure_reason = record.failure_reason;
  return view;
}

/**
 * The order as it was when accepted. POST /order answers with this, for the first request and
 * for every replay with the same Idempotency-Key, so a replay's answer is byte for byte the same.
 */
export function toAcceptedView(record: OrderRecord): Order {
  return {
    order_id: record.order_id,
    status: 'PENDING',
    customer_id: record.customer_id,
    items: record.items.map((line) => ({ ...line })),
    total_amount: record.total_amount,
    currency: record.currency,
    attempts: 0,
    created_at: record.created_at,
    updated_at: record.created_at,
  };
}
