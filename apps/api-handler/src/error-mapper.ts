import type { ErrorCode, ErrorDetail } from '@dofs/contracts';
import {
  DependencyUnavailableError,
  IdempotencyConflictError,
  InvalidCursorError,
  OrderNotFoundError,
  OrderRejectedError,
  WorkflowFailedError,
} from '@dofs/domain';
import { HttpError } from './http-error';

export interface HttpFailure {
  readonly status: number;
  readonly code: ErrorCode;
  readonly message: string;
  readonly details: readonly ErrorDetail[];
  readonly headers?: Record<string, string>;
  /** Unexpected: logged with its stack, answered with a generic message. */
  readonly unexpected?: boolean;
}

/** The one place where errors become HTTP answers. Nothing of an unexpected error reaches the client. */
export function toHttpFailure(error: unknown): HttpFailure {
  if (error instanceof HttpError) return { status: error.status, code: error.code, message: error.message, details: error.details };
  if (error instanceof OrderRejectedError) {
    const rules = [...new Set(error.violations.map((v) => v.rule))];
    return {
      status: 422,
      code: 'BUSINESS_RULE_VIOLATION',
      message: `The order breaks ${error.violations.length} business rule(s): ${rules.join(', ')}. Nothing was stored.`,
      details: error.violations.map(({ path, problem }) => ({ path, problem })),
    };
  }
  if (error instanceof IdempotencyConflictError) {
    return {
      status: 409,
      code: 'IDEMPOTENCY_CONFLICT',
      message: 'This Idempotency-Key was already used with a different request body. Use a new key for a new order.',
      details: [{ path: 'Idempotency-Key', problem: 'was used for another request body' }],
    };
  }
  if (error instanceof InvalidCursorError) {
    return {
      status: 400,
      code: 'INVALID_CURSOR',
      message: `The cursor ${error.problem}. Ask for the first page again, without a cursor.`,
      details: [{ path: 'cursor', problem: error.problem }],
    };
  }
  if (error instanceof OrderNotFoundError) {
    return { status: 404, code: 'NOT_FOUND', message: `No order has the id ${error.orderId}.`, details: [] };
  }
  if (error instanceof WorkflowFailedError || error instanceof DependencyUnavailableError) {
    return {
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      // one message for every route: a read (GET) is retried as it is, an order with its key
      message: 'The service is unavailable now and nothing was changed. Retry; a POST /order retried with the same Idempotency-Key never creates a second order.',
      details: [],
      headers: { 'Retry-After': '1' },
    };
  }
  return {
    status: 500,
    code: 'INTERNAL_ERROR',
    message: 'An unexpected error occurred. Quote the request_id when you report it.',
    details: [],
    unexpected: true,
  };
}
