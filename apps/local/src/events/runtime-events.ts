/**
 * What the runtime's services report as they work, for the local console and its statistics.
 * Each service publishes with one line where the thing happens; nothing here changes what the
 * services do, and with no subscriber a publish costs a function call.
 *
 * One bus per process (a module singleton) because one process runs one runtime, and so that a
 * hook stays one line instead of a parameter threaded through every constructor.
 */

export type RuntimeEvent =
  | {
      readonly type: 'api';
      readonly at: number;
      readonly method: string;
      readonly path: string;
      readonly status: number;
      readonly ms: number;
      readonly requestId: string;
      readonly idempotencyKey?: string;
      /** the answer's body, when it is JSON text */
      readonly body?: string;
    }
  | {
      readonly type: 'execution';
      readonly at: number;
      readonly execution: string;
      readonly phase: 'started' | 'succeeded' | 'failed' | 'entered' | 'exited' | 'state-failed' | 'retried' | 'caught';
      readonly state?: string;
      readonly input?: unknown;
      readonly output?: unknown;
      readonly error?: string;
      readonly cause?: string;
    }
  | {
      readonly type: 'invocation';
      readonly at: number;
      readonly function: string;
      readonly ms: number;
      readonly ok: boolean;
      readonly errorType?: string;
      /** invocations of this function running when it started, itself included */
      readonly concurrency: number;
    }
  | { readonly type: 'cold-start'; readonly at: number; readonly function: string; readonly initMs: number }
  | {
      readonly type: 'batch';
      readonly at: number;
      readonly function: string;
      readonly queue: string;
      readonly records: readonly { readonly messageId: string; readonly body: string; readonly receiveCount: number; readonly ok: boolean }[];
      readonly errorType?: string;
    }
  | { readonly type: 'log'; readonly at: number; readonly function: string; readonly line: string }
  | { readonly type: 'alarm'; readonly at: number; readonly alarm: string; readonly state: 'ALARM' | 'OK'; readonly reason: string };

export type RuntimeEventListener = (event: RuntimeEvent) => void;

/** `Omit` over each member of the union, so a publisher need not pass `at`. */
type WithoutAt<T> = T extends unknown ? Omit<T, 'at'> : never;

export class RuntimeEvents {
  private readonly listeners = new Set<RuntimeEventListener>();

  get listening(): boolean {
    return this.listeners.size > 0;
  }

  publish(event: WithoutAt<RuntimeEvent> & { readonly at?: number }): void {
    if (this.listeners.size === 0) return;
    const stamped = { at: Date.now(), ...event } as RuntimeEvent;
    for (const listener of this.listeners) {
      try {
        listener(stamped);
      } catch {
        // a console bug must never break the service that reported
      }
    }
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: RuntimeEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const runtimeEvents = new RuntimeEvents();
