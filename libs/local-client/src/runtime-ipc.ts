import type { LocalEndpoints } from './endpoints-file';

/** What one local function has done since the runtime started. */
export interface FunctionStats {
  invocations: number;
  errors: number;
  timeouts: number;
  coldStarts: number;
  /** environments alive now */
  environments: number;
  /** milliseconds its environments' threads have been busy, ended environments included */
  busyMs: number;
}

/** What one SQS event source mapping has done since the runtime started. */
export interface EventSourceStats {
  batches: number;
  /** messages received and passed to the function (a redelivery counts again) */
  messages: number;
  /** messages the mapping deleted after the function processed them (SQS ignores the delete of a
   * message whose visibility timeout ran out first: it comes back) */
  deleted: number;
  failedInvocations: number;
}

export interface RuntimeStats {
  readonly functions: Record<string, FunctionStats>;
  /** by function name */
  readonly eventSources: Record<string, EventSourceStats>;
  /** milliseconds the runtime's own threads (main, dynamodb) have been busy */
  readonly threadBusyMs: Record<string, number>;
  /** faults injected by kind (DOFS_FAULTS); every kind, 0 when it never fired */
  readonly faults?: Record<string, number>;
}

/** IPC between startLocalSystem() (the parent) and a runtime it started (the child). */
export type ParentMessage =
  | { readonly type: 'stop' }
  | { readonly type: 'set-event-source'; readonly id: number; readonly functionName: string; readonly enabled: boolean }
  | { readonly type: 'stats'; readonly id: number };

export type ChildMessage =
  | { readonly type: 'ready'; readonly endpoints: LocalEndpoints }
  | { readonly type: 'reply'; readonly id: number; readonly error?: string; readonly stats?: RuntimeStats };
