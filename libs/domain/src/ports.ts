import type { AttemptError, FailedOrderRecord, OrderWorkflowInput, OrderWorkflowOutput } from '@dofs/contracts';
import type { OrderRecord } from './order';
import type { OrderListQuery, PagePosition } from './order-list';

/** The orders table. Every write is conditional, so every write is safe to retry. */
export interface OrderStore {
  /** A strongly consistent read. */
  get(orderId: string): Promise<OrderRecord | undefined>;
  /** Puts the order unless one with its id exists; returns what is stored and whether this call put it. */
  createIfAbsent(order: OrderRecord): Promise<{ created: boolean; record: OrderRecord }>;
  /** Deletes the order only while it is PENDING, unattempted and stored for this request; true if deleted. */
  discard(orderId: string, requestHash: string): Promise<boolean>;
  /**
   * PENDING -> FULFILLED, counting the attempt, while fewer than `maxAttempts` are counted; false
   * when the order is not PENDING, is absent, or has used its attempts.
   */
  markFulfilled(orderId: string, at: string, maxAttempts: number): Promise<boolean>;
  /**
   * Counts a failed attempt and keeps its error, while fewer than `maxAttempts` are counted; false
   * when the order is not PENDING, is absent, or has used its attempts.
   */
  recordFailedAttempt(orderId: string, error: AttemptError, maxAttempts: number): Promise<boolean>;
  /** PENDING -> FAILED; false when the order is not PENDING (or absent). */
  markFailed(orderId: string, reason: string, at: string): Promise<boolean>;
}

/** The orders table's two indexes, by customer and by status, each sorted by created_at. */
export interface OrderQuery {
  /**
   * Up to `query.limit` orders of the selection within the range, in `query.order`, starting
   * right after `after`; `more` is true when at least one further order follows.
   */
  list(query: OrderListQuery, after?: PagePosition): Promise<{ records: OrderRecord[]; more: boolean }>;
}

/** The failed_orders table: one record per order, written once. */
export interface FailedOrderStore {
  /** true if this call wrote the record, false if one was there already. */
  putIfAbsent(record: FailedOrderRecord): Promise<boolean>;
  get(orderId: string): Promise<FailedOrderRecord | undefined>;
}

export type WorkflowResult =
  | { readonly status: 'SUCCEEDED'; readonly output: OrderWorkflowOutput }
  | { readonly status: 'FAILED' | 'TIMED_OUT'; readonly error: string; readonly cause?: string };

/** Runs the order workflow to its end and reports how it ended. */
export interface OrderWorkflow {
  run(input: OrderWorkflowInput): Promise<WorkflowResult>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
