import type { OrderStatus, Order } from './api-types';
import type { FailedOrderRecord, FulfillmentMessage } from './generated/events';

// What the local console's server (apps/local/src/console) answers and streams, and what its
// browser app (apps/console) reads: one copy for both apps. The orders, failed_orders rows and
// queue messages in it are the contracts' own types.

/** A function's log line, parsed from the JSON Powertools prints (raw when it is not JSON). */
export interface ConsoleLogLine {
  readonly seq: number;
  readonly at: string;
  readonly function: string;
  readonly level: string;
  readonly message: string;
  readonly order_id?: string;
  readonly correlation_id?: string;
  readonly raw: string;
}

export type ConsoleTimelineKind = 'api' | 'execution' | 'state' | 'attempt' | 'dlq' | 'failed';

/** One step of an order's journey, in the order it happened. */
export interface ConsoleTimelineEntry {
  readonly at: string;
  readonly kind: ConsoleTimelineKind;
  readonly title: string;
  /** false when the step failed (a refused request, a failed state or attempt) */
  readonly ok: boolean;
  readonly detail?: string;
  readonly duration_ms?: number;
  readonly input?: unknown;
  readonly output?: unknown;
  /** the workflow state, for `state` entries */
  readonly state?: string;
  /** the execution's name, for `execution` and `state` entries */
  readonly execution?: string;
}

export interface ConsoleFunctionStats {
  readonly name: string;
  readonly invocations: number;
  readonly errors: number;
  readonly cold_starts: number;
  readonly p50_ms: number | null;
  readonly p99_ms: number | null;
  /** invocations running now, and the most at once since start */
  readonly concurrency: number;
  readonly max_concurrency: number;
}

export interface ConsoleQueueStats {
  readonly name: string;
  readonly url: string;
  readonly visible: number;
  readonly in_flight: number;
  readonly delayed: number;
  readonly dead_letter: boolean;
}

export interface ConsoleDlqMessage {
  readonly message_id: string;
  readonly body: string;
  /** the body as the fulfillment message contract reads it, when it does */
  readonly message?: FulfillmentMessage;
  readonly receive_count: number;
  readonly sent_at: string;
}

export interface ConsoleAlert {
  readonly at: string;
  readonly state: 'ALARM' | 'OK';
  readonly reason: string;
}

export interface ConsoleAlarm {
  readonly name: string;
  readonly state: 'ALARM' | 'OK';
  readonly threshold: number;
  readonly period_s: number;
  /** newest first */
  readonly alerts: readonly ConsoleAlert[];
}

/** Orders accepted (201) and orders reaching FULFILLED or FAILED, per second. */
export interface ConsoleRatePoint {
  /** epoch seconds */
  readonly t: number;
  readonly accepted: number;
  readonly terminal: number;
}

export interface ConsoleExecution {
  readonly name: string;
  readonly order_id?: string;
  readonly started_at: string;
  readonly status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  /** the states it entered, in order */
  readonly path: readonly string[];
  readonly error?: string;
}

export interface ConsoleWorkflow {
  readonly name: string;
  /** the ASL as the runtime runs it (contracts/order-workflow.asl.json, placeholders filled) */
  readonly definition: unknown;
  /** times each state was entered */
  readonly state_counts: Readonly<Record<string, number>>;
  /** times each `from->to` transition was taken; error paths (Catch) are `from-!->to` */
  readonly edge_counts: Readonly<Record<string, number>>;
  /** newest first */
  readonly executions: readonly ConsoleExecution[];
}

export interface ConsoleRecentOrder {
  readonly order_id: string;
  readonly status: OrderStatus;
  readonly created_at: string;
  readonly attempts: number;
}

export interface ConsoleOverview {
  readonly api_url: string;
  /** the local client's API key, so that the example the empty state shows works as pasted */
  readonly api_key: string;
  readonly counts: Readonly<Record<OrderStatus, number>>;
  /** the last minutes, oldest first, one point per second */
  readonly rates: readonly ConsoleRatePoint[];
  readonly queues: readonly ConsoleQueueStats[];
  readonly alarm: ConsoleAlarm;
  readonly functions: readonly ConsoleFunctionStats[];
  /** newest first */
  readonly recent_orders: readonly ConsoleRecentOrder[];
  readonly settings: {
    readonly fulfillment_success_rate: number;
    readonly max_receive_count: number;
    readonly visibility_timeout_s: number;
  };
}

export interface ConsoleOrderDetail {
  readonly order_id: string;
  /** the order as GET /order/{order_id} answers it; absent when there is no such order */
  readonly order?: Order;
  readonly timeline: readonly ConsoleTimelineEntry[];
  readonly failed?: FailedOrderRecord;
  /** the log lines of every function for the order's correlation id (or its id) */
  readonly logs: readonly ConsoleLogLine[];
}

export interface ConsoleQueues {
  readonly queues: readonly ConsoleQueueStats[];
  readonly dlq_messages: readonly ConsoleDlqMessage[];
}

export interface ConsoleRedriveRequest {
  /** the DLQ messages to move back to order_queue; absent: all of them */
  readonly message_ids?: readonly string[];
}

export interface ConsoleRedriveResult {
  readonly moved: number;
}

/** What the one server-sent event stream carries (event name = `type`). */
export type ConsoleStreamEvent =
  | { readonly type: 'overview'; readonly overview: ConsoleOverview }
  | { readonly type: 'workflow'; readonly workflow: ConsoleWorkflow }
  | { readonly type: 'logs'; readonly lines: readonly ConsoleLogLine[] }
  /** something happened to these orders: a detail view showing one reloads it */
  | { readonly type: 'orders'; readonly order_ids: readonly string[] };
