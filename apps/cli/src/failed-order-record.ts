import {
  toErrorDetails,
  validateFailedOrderRecord,
  validateFulfillmentMessage,
  type ErrorDetail,
  type FailedOrderRecord,
  type FulfillmentMessage,
} from '@dofs/contracts';

export type ParsedFailedOrder =
  | {
      readonly valid: true;
      readonly record: FailedOrderRecord;
      /** The fulfillment message kept in `message_body`, when it is one. */
      readonly message: FulfillmentMessage | undefined;
    }
  | { readonly valid: false; readonly orderId: string; readonly problems: readonly ErrorDetail[] };

/**
 * Reads an item of failed_orders (written by dlq-processor) against its contract,
 * contracts/events/failed-order-record.schema.json. `dofs failed list` shows what it reads and
 * `dofs dlq redrive --from failed` replays from it; the Pact message contract with dlq-processor
 * (tests/pact) is checked through this function.
 */
export function parseFailedOrder(item: unknown): ParsedFailedOrder {
  if (!validateFailedOrderRecord(item)) {
    const orderId = typeof item === 'object' && item !== null && 'order_id' in item ? String(item.order_id) : '?';
    return { valid: false, orderId, problems: toErrorDetails(validateFailedOrderRecord.errors) };
  }
  return { valid: true, record: item, message: tryParseFulfillmentMessage(item.message_body) };
}

export function tryParseFulfillmentMessage(body: string | undefined): FulfillmentMessage | undefined {
  if (body === undefined) return undefined;
  try {
    const message: unknown = JSON.parse(body);
    return validateFulfillmentMessage(message) ? message : undefined;
  } catch {
    return undefined;
  }
}

/** Only an order that exhausted its attempts has something to try again; the others name no order to replay. */
export const isReplayable = (record: FailedOrderRecord): boolean => record.reason === 'MAX_RECEIVES_EXCEEDED';
