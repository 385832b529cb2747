import { createSqsBatchHandler, receiveCountOf, type Logger } from '@dofs/aws';
import {
  AttemptsExhaustedError,
  FulfillmentFailedError,
  InvalidMessageError,
  fulfillOrder,
  parseFulfillmentMessage,
  type FulfillOrderDeps,
} from '@dofs/domain';

export interface FulfillOrderHandlerDeps extends FulfillOrderDeps {
  readonly logger: Logger;
}

/**
 * order_queue consumer. A failed attempt, or a message that breaks the contract, fails its record
 * alone; SQS delivers it again and, after maxReceiveCount receives, moves it to order_dlq.
 */
export const createFulfillOrderHandler = ({ logger, ...deps }: FulfillOrderHandlerDeps) =>
  createSqsBatchHandler(logger, async (record, log) => {
    try {
      const message = parseFulfillmentMessage(record.body);
      log.appendKeys({ order_id: message.order_id, correlation_id: message.correlation_id });
      const attempt = receiveCountOf(record);
      const outcome = await fulfillOrder(deps, message, attempt);
      log.info('Fulfillment attempt finished', { outcome, attempt });
    } catch (error) {
      if (error instanceof FulfillmentFailedError) log.warn('Fulfillment attempt failed; SQS will retry', { attempt: error.attempt });
      else if (error instanceof AttemptsExhaustedError) log.warn('Order has used its attempts; this message goes on to the DLQ', { max_attempts: error.maxAttempts });
      else if (error instanceof InvalidMessageError) log.error('Message breaks the fulfillment message contract', { details: [...error.details] });
      else log.error('Fulfillment attempt errored', error as Error);
      throw error;
    }
  });
