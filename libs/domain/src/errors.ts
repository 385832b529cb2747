import type { ErrorDetail } from '@dofs/contracts';
import type { RuleViolation } from '@dofs/contracts';

/**
 * Every error the domain raises. `name` is part of the contract: Step Functions matches Retry
 * and Catch on it (a Lambda's errorType is its error's name), and the API maps it to a status.
 */
export abstract class DomainError extends Error {
  abstract override readonly name: string;
}

export class OrderRejectedError extends DomainError {
  override readonly name = 'OrderRejectedError';
  constructor(
    readonly orderId: string,
    readonly violations: readonly RuleViolation[],
  ) {
    super(`Order ${orderId} breaks ${violations.length} business rule(s): ${violations.map((v) => v.rule).join(', ')}`);
  }
}

export class IdempotencyConflictError extends DomainError {
  override readonly name = 'IdempotencyConflictError';
  constructor(readonly orderId: string) {
    super(`Order ${orderId} exists with a different request body: the Idempotency-Key was reused for another order`);
  }
}

export class OrderNotFoundError extends DomainError {
  override readonly name = 'OrderNotFoundError';
  constructor(readonly orderId: string) {
    super(`No order has the id ${orderId}`);
  }
}

/** An event, message or task input that does not follow its contract. Retrying cannot fix it. */
export class InvalidMessageError extends DomainError {
  override readonly name = 'InvalidMessageError';
  constructor(
    readonly contract: string,
    readonly details: readonly ErrorDetail[],
    options?: { cause?: unknown },
  ) {
    super(
      `Input does not follow the ${contract} contract: ${details.map((d) => `${d.path || '(root)'} ${d.problem}`).join('; ')}`,
      options,
    );
  }
}

/** A dependency (table, queue, workflow) failed in a way that a retry may cure. */
export class DependencyUnavailableError extends DomainError {
  override readonly name = 'DependencyUnavailableError';
  constructor(
    readonly dependency: string,
    options?: { cause?: unknown },
  ) {
    super(`${dependency} is unavailable`, options);
  }
}

/** The simulated fulfillment of one attempt failed; the message is retried by SQS. */
export class FulfillmentFailedError extends DomainError {
  override readonly name = 'FulfillmentFailedError';
  constructor(
    readonly orderId: string,
    readonly attempt: number,
  ) {
    super(`Fulfillment attempt ${attempt} of order ${orderId} failed (simulated)`);
  }
}

/**
 * A message of an order that has used all its attempts (a duplicate message of the same order, as
 * at-least-once delivery and a re-sent POST allow). Nothing is counted; the message is retried
 * until SQS moves it to the DLQ, where the order becomes FAILED.
 */
export class AttemptsExhaustedError extends DomainError {
  override readonly name = 'AttemptsExhaustedError';
  constructor(
    readonly orderId: string,
    readonly maxAttempts: number,
  ) {
    super(`Order ${orderId} has used its ${maxAttempts} fulfillment attempts`);
  }
}

/** The order workflow ended in one of its Fail states, or timed out. */
export class WorkflowFailedError extends DomainError {
  override readonly name = 'WorkflowFailedError';
  constructor(
    readonly error: string,
    readonly causeText: string | undefined,
  ) {
    super(`The order workflow failed: ${error}${causeText ? ` (${causeText})` : ''}`);
  }
}

/** A list cursor that was altered, belongs to another query, or has expired. */
export class InvalidCursorError extends DomainError {
  override readonly name = 'InvalidCursorError';
  constructor(readonly problem: string) {
    super(`The cursor ${problem}`);
  }
}
