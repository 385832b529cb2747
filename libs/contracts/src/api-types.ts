import type { components } from './generated/openapi';

// Short names for the API's schemas, so that code outside this lib reads as the domain does.
export type CreateOrderRequest = components['schemas']['CreateOrderRequest'];
export type OrderLine = components['schemas']['OrderLine'];
export type Order = components['schemas']['Order'];
export type OrderStatus = components['schemas']['OrderStatus'];
export type AttemptError = components['schemas']['AttemptError'];
export type ErrorCode = components['schemas']['ErrorCode'];
export type ErrorDetail = components['schemas']['ErrorDetail'];
export type ErrorResponse = components['schemas']['ErrorResponse'];
export type Health = components['schemas']['Health'];
export type OrderPage = components['schemas']['OrderPage'];
