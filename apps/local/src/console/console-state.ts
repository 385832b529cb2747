import type {
  ConsoleAlert,
  ConsoleExecution,
  ConsoleFunctionStats,
  ConsoleLogLine,
  ConsoleRatePoint,
  ConsoleTimelineEntry,
} from '@dofs/contracts';
import { orderIdOf } from '@dofs/contracts';
import { percentile } from '@dofs/local-client';
import type { RuntimeEvent } from '../events/runtime-events';
import { parseLogLine } from '../lambda/terminal-format';

/** How much the console remembers: enough for a developer's session, bounded for a benchmark. */
export const LIMITS = { rateSeconds: 300, orders: 2000, entriesPerOrder: 200, executions: 200, logLines: 5000, durations: 2000, alerts: 20 };

type ExecutionEvent = Extract<RuntimeEvent, { type: 'execution' }>;

interface ExecutionTrack {
  name: string;
  orderId?: string;
  startedAt: number;
  status: ConsoleExecution['status'];
  path: string[];
  error?: string;
  entered: Map<string, { at: number; input: unknown }>;
  caughtFrom?: string;
}

interface FunctionTrack {
  invocations: number;
  errors: number;
  coldStarts: number;
  durations: number[];
  maxConcurrency: number;
  recentConcurrency: { at: number; value: number }[];
}

/** A percentile of the console's JSON figures: null for none, which JSON keeps and undefined would drop. */
export const percentileOrNull = (sorted: readonly number[], p: number): number | null => percentile(sorted, p) ?? null;

/**
 * What the console knows from the runtime's events: per-second rates, each order's timeline,
 * the workflow's executions and counts, per-function statistics, the log tail and the alarm.
 * Everything else (orders, failed_orders, queues) is read from the services when asked.
 */
export class ConsoleState {
  private readonly rates = new Map<number, { accepted: number; terminal: number }>();
  private readonly timelines = new Map<string, ConsoleTimelineEntry[]>();
  private readonly executions = new Map<string, ExecutionTrack>();
  private readonly functions = new Map<string, FunctionTrack>();
  private readonly logs: ConsoleLogLine[] = [];
  private nextSeq = 1;
  readonly stateCounts: Record<string, number> = {};
  readonly edgeCounts: Record<string, number> = {};
  alarmState: 'OK' | 'ALARM' = 'OK';
  readonly alerts: ConsoleAlert[] = [];
  /** bumped on every workflow change, so the stream sends the workflow only when it changed */
  workflowVersion = 0;
  /** orders touched since the last `takeTouched()` */
  private touched = new Set<string>();
  private freshLogs: ConsoleLogLine[] = [];

  constructor(
    functionNames: readonly string[],
    private readonly deadLetterQueues: ReadonlySet<string>,
  ) {
    for (const name of functionNames) this.functionTrack(name);
  }

  private functionTrack(name: string): FunctionTrack {
    let track = this.functions.get(name);
    if (!track) {
      track = { invocations: 0, errors: 0, coldStarts: 0, durations: [], maxConcurrency: 0, recentConcurrency: [] };
      this.functions.set(name, track);
    }
    return track;
  }

  private count(at: number, field: 'accepted' | 'terminal'): void {
    const second = Math.floor(at / 1000);
    const point = this.rates.get(second) ?? { accepted: 0, terminal: 0 };
    point[field]++;
    this.rates.set(second, point);
    if (this.rates.size > LIMITS.rateSeconds + 5) {
      for (const key of this.rates.keys()) if (key < second - LIMITS.rateSeconds) this.rates.delete(key);
    }
  }

  private add(orderId: string, entry: ConsoleTimelineEntry): void {
    let entries = this.timelines.get(orderId);
    if (!entries) {
      entries = [];
      this.timelines.set(orderId, entries);
      if (this.timelines.size > LIMITS.orders) {
        const oldest = this.timelines.keys().next().value;
        if (oldest !== undefined) this.timelines.delete(oldest);
      }
    }
    if (entries.length < LIMITS.entriesPerOrder) entries.push(entry);
    this.touched.add(orderId);
  }

  record(event: RuntimeEvent): void {
    switch (event.type) {
      case 'api':
        return this.onApi(event);
      case 'execution':
        return this.onExecution(event);
      case 'invocation': {
        const track = this.functionTrack(event.function);
        track.invocations++;
        if (!event.ok) track.errors++;
        track.durations.push(event.ms);
        if (track.durations.length > LIMITS.durations) track.durations.splice(0, track.durations.length - LIMITS.durations);
        track.maxConcurrency = Math.max(track.maxConcurrency, event.concurrency);
        track.recentConcurrency.push({ at: event.at, value: event.concurrency });
        if (track.recentConcurrency.length > 200) track.recentConcurrency.splice(0, 100);
        return;
      }
      case 'cold-start':
        this.functionTrack(event.function).coldStarts++;
        return;
      case 'batch':
        return this.onBatch(event);
      case 'log':
        return this.onLog(event);
      case 'alarm':
        this.alarmState = event.state;
        this.alerts.unshift({ at: new Date(event.at).toISOString(), state: event.state, reason: event.reason });
        this.alerts.splice(LIMITS.alerts);
        return;
    }
  }

  private onApi(event: Extract<RuntimeEvent, { type: 'api' }>): void {
    // reads (the console's own included) are not part of an order's journey
    if (event.method !== 'POST') return;
    const orderId = orderIdOf(event.body);
    if (event.status === 201) this.count(event.at, 'accepted');
    if (!orderId) return;
    const key = event.idempotencyKey ? `, Idempotency-Key ${event.idempotencyKey}` : '';
    this.add(orderId, {
      at: new Date(event.at).toISOString(),
      kind: 'api',
      title: `${event.method} ${event.path} -> ${event.status}`,
      ok: event.status < 400,
      detail: `request ${event.requestId}${key}`,
      duration_ms: Math.round(event.ms),
    });
  }

  private onExecution(event: ExecutionEvent): void {
    const track = this.trackOf(event);
    const at = new Date(event.at).toISOString();
    const orderId = track.orderId ?? orderIdOf(event.input);
    track.orderId = orderId;
    this.workflowVersion++;
    switch (event.phase) {
      case 'started':
        if (orderId) this.add(orderId, { at, kind: 'execution', title: 'Workflow execution started', ok: true, execution: track.name, input: event.input });
        return;
      case 'entered':
        return this.onStateEntered(track, event);
      case 'exited':
      case 'state-failed':
        if (orderId) this.add(orderId, stateLeft(track, event, at));
        return;
      case 'caught':
        track.caughtFrom = event.state;
        return;
      case 'retried':
        if (orderId) this.add(orderId, { at, kind: 'state', title: `${event.state ?? ''} retried`, ok: false, state: event.state, execution: track.name });
        return;
      case 'succeeded':
      case 'failed':
        track.status = event.phase === 'succeeded' ? 'SUCCEEDED' : 'FAILED';
        track.error = event.error;
        if (orderId) this.add(orderId, executionEnded(track, event, at));
        return;
    }
  }

  /** The execution's track, new at its first event; the oldest is forgotten past the limit. */
  private trackOf(event: ExecutionEvent): ExecutionTrack {
    const known = this.executions.get(event.execution);
    if (known) return known;
    const track: ExecutionTrack = { name: event.execution, startedAt: event.at, status: 'RUNNING', path: [], entered: new Map() };
    this.executions.set(event.execution, track);
    if (this.executions.size > LIMITS.executions) {
      const oldest = this.executions.keys().next().value;
      if (oldest !== undefined) this.executions.delete(oldest);
    }
    return track;
  }

  /** A state entered: the edge from the previous one (a Catch's marked), and the state's count. */
  private onStateEntered(track: ExecutionTrack, event: ExecutionEvent): void {
    const state = event.state ?? '';
    const previous = track.path.at(-1);
    if (previous !== undefined) {
      const edge = track.caughtFrom === previous ? `${previous}-!->${state}` : `${previous}->${state}`;
      this.edgeCounts[edge] = (this.edgeCounts[edge] ?? 0) + 1;
    }
    track.caughtFrom = undefined;
    track.path.push(state);
    track.entered.set(state, { at: event.at, input: event.input });
    this.stateCounts[state] = (this.stateCounts[state] ?? 0) + 1;
  }

  private onBatch(event: Extract<RuntimeEvent, { type: 'batch' }>): void {
    const dead = this.deadLetterQueues.has(event.queue);
    const at = new Date(event.at).toISOString();
    for (const record of event.records) {
      const orderId = orderIdOf(record.body);
      if (record.ok) this.count(event.at, 'terminal');
      if (!orderId) continue;
      if (dead) {
        this.add(orderId, {
          at,
          kind: 'dlq',
          title: `In ${event.queue} after ${record.receiveCount - 1} receive(s); ${event.function} ${record.ok ? 'processed it' : 'failed on it'}`,
          ok: record.ok,
          detail: `message ${record.messageId}`,
        });
      } else {
        this.add(orderId, {
          at,
          kind: 'attempt',
          title: `Fulfillment attempt (receive ${record.receiveCount}): ${record.ok ? 'succeeded' : 'failed'}`,
          ok: record.ok,
          detail: `${event.function}, message ${record.messageId}${event.errorType ? `, ${event.errorType}` : ''}`,
        });
      }
    }
  }

  private onLog(event: Extract<RuntimeEvent, { type: 'log' }>): void {
    const parsed = parseLogLine(event.line);
    const line: ConsoleLogLine = {
      seq: this.nextSeq++,
      at: parsed.timestamp ?? new Date(event.at).toISOString(),
      function: event.function,
      level: parsed.level,
      message: parsed.message,
      ...(parsed.order_id ? { order_id: parsed.order_id } : {}),
      ...(parsed.correlation_id ? { correlation_id: parsed.correlation_id } : {}),
      raw: event.line,
    };
    this.logs.push(line);
    if (this.logs.length > LIMITS.logLines) this.logs.splice(0, this.logs.length - LIMITS.logLines);
    this.freshLogs.push(line);
    if (this.freshLogs.length > 500) this.freshLogs.splice(0, this.freshLogs.length - 500);
  }

  /** The last `seconds`, one point per second, oldest first. */
  ratePoints(now: number = Date.now(), seconds = 120): ConsoleRatePoint[] {
    const last = Math.floor(now / 1000);
    const points: ConsoleRatePoint[] = [];
    for (let t = last - seconds + 1; t <= last; t++) {
      const point = this.rates.get(t);
      points.push({ t, accepted: point?.accepted ?? 0, terminal: point?.terminal ?? 0 });
    }
    return points;
  }

  timeline(orderId: string): readonly ConsoleTimelineEntry[] {
    return [...(this.timelines.get(orderId) ?? [])].sort((a, b) => a.at.localeCompare(b.at));
  }

  functionStats(now: number = Date.now()): ConsoleFunctionStats[] {
    return [...this.functions].map(([name, track]) => {
      const sorted = [...track.durations].sort((a, b) => a - b);
      const recent = track.recentConcurrency.filter((point) => point.at >= now - 5000);
      const round = (value: number | null): number | null => (value === null ? null : Math.round(value * 10) / 10);
      return {
        name,
        invocations: track.invocations,
        errors: track.errors,
        cold_starts: track.coldStarts,
        p50_ms: round(percentileOrNull(sorted, 50)),
        p99_ms: round(percentileOrNull(sorted, 99)),
        concurrency: Math.max(0, ...recent.map((point) => point.value)),
        max_concurrency: track.maxConcurrency,
      };
    });
  }

  executionList(): ConsoleExecution[] {
    return [...this.executions.values()].reverse().map((track) => ({
      name: track.name,
      ...(track.orderId ? { order_id: track.orderId } : {}),
      started_at: new Date(track.startedAt).toISOString(),
      status: track.status,
      path: [...track.path],
      ...(track.error ? { error: track.error } : {}),
    }));
  }

  logLines(filter: { function?: string; level?: string; orderId?: string; correlationId?: string; limit?: number } = {}): ConsoleLogLine[] {
    const matches = this.logs.filter(
      (line) =>
        (!filter.function || line.function === filter.function) &&
        (!filter.level || line.level === filter.level) &&
        (!filter.orderId || line.order_id === filter.orderId || line.correlation_id === filter.orderId) &&
        (!filter.correlationId || line.correlation_id === filter.correlationId),
    );
    return matches.slice(-(filter.limit ?? 500));
  }

  /** Lines logged since the last call. */
  takeFreshLogs(): ConsoleLogLine[] {
    return this.freshLogs.splice(0);
  }

  /** Orders touched since the last call. */
  takeTouched(): string[] {
    const ids = [...this.touched];
    this.touched = new Set();
    return ids;
  }
}

/** A state exited or failed, as its timeline entry: with its input, output and duration. */
function stateLeft(track: ExecutionTrack, event: ExecutionEvent, at: string): ConsoleTimelineEntry {
  const state = event.state ?? '';
  const entered = track.entered.get(state);
  const failed = event.phase === 'state-failed';
  return {
    at,
    kind: 'state',
    title: failed ? `${state} failed: ${event.error ?? ''}` : state,
    ok: !failed,
    state,
    execution: track.name,
    duration_ms: entered ? Math.round(event.at - entered.at) : undefined,
    input: entered?.input,
    output: failed ? { error: event.error, cause: event.cause } : event.output,
  };
}

/** The execution's end, as its timeline entry. */
function executionEnded(track: ExecutionTrack, event: ExecutionEvent, at: string): ConsoleTimelineEntry {
  const succeeded = event.phase === 'succeeded';
  return {
    at,
    kind: 'execution',
    title: succeeded ? 'Workflow execution succeeded' : `Workflow execution failed: ${event.error ?? ''}`,
    ok: succeeded,
    execution: track.name,
    duration_ms: Math.round(event.at - track.startedAt),
    output: succeeded ? event.output : { error: event.error, cause: event.cause },
  };
}
