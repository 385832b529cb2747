// Generated from contracts/openapi.yaml and contracts/events/ by libs/contracts/tools/generate.mjs. Do not edit: run `npm run codegen`.
import type { ValidateFunction } from 'ajv';
import type { components } from './openapi';
import type * as events from './events';
export declare const validateOrderId: ValidateFunction<components['schemas']['OrderId']>;
export declare const validateCreateOrderRequest: ValidateFunction<components['schemas']['CreateOrderRequest']>;
export declare const validateOrder: ValidateFunction<components['schemas']['Order']>;
export declare const validateOrderPage: ValidateFunction<components['schemas']['OrderPage']>;
export declare const validateHealth: ValidateFunction<components['schemas']['Health']>;
export declare const validateErrorResponse: ValidateFunction<components['schemas']['ErrorResponse']>;
export declare const validateFailedOrderRecord: ValidateFunction<events.FailedOrderRecord>;
export declare const validateFulfillmentMessage: ValidateFunction<events.FulfillmentMessage>;
export declare const validateOrderStorageRequest: ValidateFunction<events.OrderStorageRequest>;
export declare const validateOrderStorageResult: ValidateFunction<events.OrderStorageResult>;
export declare const validateOrderValidationResult: ValidateFunction<events.OrderValidationResult>;
export declare const validateOrderWorkflowInput: ValidateFunction<events.OrderWorkflowInput>;
export declare const validateOrderWorkflowOutput: ValidateFunction<events.OrderWorkflowOutput>;
