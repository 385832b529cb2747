import type { LocalEndpoints } from './endpoints-file';
import type { EventSourceStats } from './event-sources/sqs-event-source';
import type { FunctionStats } from './lambda/lambda-function';

export interface RuntimeStats {
  readonly functions: Record<string, FunctionStats>;
  /** by function name */
  readonly eventSources: Record<string, EventSourceStats>;
  /** milliseconds the runtime's own threads (main, dynamodb) have been busy */
  readonly threadBusyMs: Record<string, number>;
}

/** IPC between startLocalSystem() (the parent) and a runtime it started (the child). */
export type ParentMessage =
  | { readonly type: 'stop' }
  | { readonly type: 'set-event-source'; readonly id: number; readonly functionName: string; readonly enabled: boolean }
  | { readonly type: 'stats'; readonly id: number };

export type ChildMessage =
  | { readonly type: 'ready'; readonly endpoints: LocalEndpoints }
  | { readonly type: 'reply'; readonly id: number; readonly error?: string; readonly stats?: RuntimeStats };
