import type { ErrorCode, ErrorDetail, ErrorResponse, Order } from './api-types';

/** The base of every error the SDK throws, so a caller can catch them all with one `instanceof`. */
export class DofsError extends Error {
  override readonly name: string = 'DofsError';
}

/**
 * The API answered with an error status. When the body follows the API's error contract
 * (`{"error": {code, message, details, request_id}}`) its fields are here; otherwise `code` is
 * `UNEXPECTED_RESPONSE` and `body` is undefined (a proxy's HTML page, say).
 */
export class DofsApiError extends DofsError {
  override readonly name = 'DofsApiError';
  readonly status: number;
  readonly code: ErrorCode | 'UNEXPECTED_RESPONSE';
  readonly details: readonly ErrorDetail[];
  readonly requestId: string | undefined;
  readonly body: ErrorResponse | undefined;
  /** How many requests were sent, retries included. */
  readonly attempts: number;

  constructor(status: number, body: unknown, attempts: number) {
    const parsed = asErrorResponse(body);
    super(parsed ? parsed.error.message : `The API answered ${status} with a body that is not an error response`);
    this.status = status;
    this.body = parsed;
    this.code = parsed ? parsed.error.code : 'UNEXPECTED_RESPONSE';
    this.details = parsed ? parsed.error.details : [];
    this.requestId = parsed?.error.request_id;
    this.attempts = attempts;
  }
}

/** No answer came back (connection refused, reset, DNS, per-request timeout), retries included. */
export class DofsNetworkError extends DofsError {
  override readonly name = 'DofsNetworkError';
  readonly attempts: number;

  constructor(message: string, attempts: number, options: { cause: unknown }) {
    super(message, options);
    this.attempts = attempts;
  }
}

/** A success status whose body is not what the contract promises (not JSON, say). */
export class DofsResponseError extends DofsError {
  override readonly name = 'DofsResponseError';
  readonly status: number;

  constructor(message: string, status: number, options?: { cause: unknown }) {
    super(message, options);
    this.status = status;
  }
}

/** `waitForOrder` gave up; `lastSeen` is the order as last read (still PENDING). */
export class DofsWaitTimeoutError extends DofsError {
  override readonly name = 'DofsWaitTimeoutError';
  readonly orderId: string;
  readonly lastSeen: Order | undefined;

  constructor(orderId: string, timeoutMs: number, lastSeen: Order | undefined) {
    super(`Order ${orderId} did not reach a terminal status within ${timeoutMs} ms`);
    this.orderId = orderId;
    this.lastSeen = lastSeen;
  }
}

function asErrorResponse(body: unknown): ErrorResponse | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error: unknown = body.error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message, details, request_id } = error as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string' || typeof request_id !== 'string' || !Array.isArray(details)) {
    return undefined;
  }
  return body as ErrorResponse;
}
