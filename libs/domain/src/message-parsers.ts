import {
  toErrorDetails,
  validateFulfillmentMessage,
  validateOrderStorageRequest,
  validateOrderWorkflowInput,
  type FulfillmentMessage,
  type OrderStorageRequest,
  type OrderWorkflowInput,
} from '@dofs/contracts';
import type { ValidateFunction } from 'ajv';
import { InvalidMessageError } from './errors';

function parseWith<T>(contract: string, validate: ValidateFunction<T>, value: unknown): T {
  if (!validate(value)) throw new InvalidMessageError(contract, toErrorDetails(validate.errors));
  return value;
}

function parseJson(contract: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidMessageError(contract, [{ path: '', problem: 'is not valid JSON' }], { cause: error });
  }
}

/** An SQS message body on order_queue or order_dlq (contracts/events/fulfillment-message.schema.json). */
export const parseFulfillmentMessage = (body: string): FulfillmentMessage =>
  parseWith('FulfillmentMessage', validateFulfillmentMessage, parseJson('FulfillmentMessage', body));

/** The ValidateOrder task's input (contracts/events/order-workflow-input.schema.json). */
export const parseOrderWorkflowInput = (event: unknown): OrderWorkflowInput =>
  parseWith('OrderWorkflowInput', validateOrderWorkflowInput, event);

/** The StoreOrder / DiscardOrder tasks' input (contracts/events/order-storage-request.schema.json). */
export const parseOrderStorageRequest = (event: unknown): OrderStorageRequest =>
  parseWith('OrderStorageRequest', validateOrderStorageRequest, event);
