export {
  createDofsClient,
  DofsClient,
  TERMINAL_STATUSES,
  type CreatedOrder,
  type CreateOrderOptions,
  type DofsClientOptions,
  type OrderListQuery,
  type RequestOptions,
  type WaitForOrderOptions,
} from './dofs-client';
export { DofsApiError, DofsError, DofsNetworkError, DofsResponseError, DofsWaitTimeoutError } from './errors';
export { backoffDelay, DEFAULT_RETRY, isRetryableStatus, parseRetryAfter, type RetryOptions } from './retry';
export type * from './api-types';
