import type { CreateOrderRequest, FulfillmentMessage, OrderWorkflowInput, StoreOrderRequest } from '@dofs/contracts';
import { requestHash } from '../idempotency';
import { newOrderRecord, type OrderRecord } from '../order';

/** A valid order: 2 x 10.00 + 1 x 5.50 = 25.50 USD. */
export function anOrderRequest(overrides: Partial<CreateOrderRequest> = {}): CreateOrderRequest {
  return {
    customer_id: 'cust-42',
    items: [
      { product_id: 'sku-1', quantity: 2, price: 10 },
      { product_id: 'sku-2', quantity: 1, price: 5.5 },
    ],
    total_amount: 25.5,
    currency: 'USD',
    ...overrides,
  };
}

export const AN_ORDER_ID = '3f1e6a52-9c4b-4d7e-8a1f-2b3c4d5e6f70';
export const ANOTHER_ORDER_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

export function aWorkflowInput(overrides: Partial<OrderWorkflowInput> = {}): OrderWorkflowInput {
  const order = overrides.order ?? anOrderRequest();
  return {
    order_id: AN_ORDER_ID,
    request_hash: requestHash(order),
    correlation_id: 'corr-1',
    received_at: '2026-11-21T10:00:00.000Z',
    order,
    ...overrides,
  };
}

export function aStoreRequest(overrides: Partial<StoreOrderRequest> = {}): StoreOrderRequest {
  const { order_id, request_hash, correlation_id, received_at, order } = aWorkflowInput();
  return { action: 'store', order_id, request_hash, correlation_id, received_at, order, ...overrides };
}

export function anOrderRecord(overrides: Partial<OrderRecord> = {}): OrderRecord {
  const input = aWorkflowInput();
  return {
    ...newOrderRecord({
      orderId: input.order_id,
      request: input.order,
      requestHash: input.request_hash,
      correlationId: input.correlation_id,
      receivedAt: input.received_at,
    }),
    ...overrides,
  };
}

/** The message the workflow's EnqueueOrder state sends for an order. */
export function aFulfillmentMessage(overrides: Partial<FulfillmentMessage> = {}): FulfillmentMessage {
  return {
    schema_version: 1,
    order_id: AN_ORDER_ID,
    customer_id: 'cust-42',
    total_amount: 25.5,
    currency: 'USD',
    correlation_id: 'corr-1',
    created_at: '2026-11-21T10:00:00.000Z',
    ...overrides,
  };
}
