import { ConsoleState, percentileOrNull as percentile } from './console-state';
import type { RuntimeEvent } from '../events/runtime-events';

const ORDER = '3f2c0000-0000-4000-8000-000000000001';
const body = (orderId: string): string => JSON.stringify({ schema_version: 1, order_id: orderId, correlation_id: 'corr-1' });

function execution(state: ConsoleState, at: number, path: readonly string[], caught: Record<string, true> = {}): void {
  const name = `exec-${at}`;
  state.record({ type: 'execution', at, execution: name, phase: 'started', input: { order_id: ORDER } });
  path.forEach((step, index) => {
    state.record({ type: 'execution', at: at + index * 10, execution: name, phase: 'entered', state: step, input: { step } });
    if (caught[step]) {
      state.record({ type: 'execution', at: at + index * 10 + 5, execution: name, phase: 'state-failed', state: step, error: 'StoreFailedError' });
      state.record({ type: 'execution', at: at + index * 10 + 5, execution: name, phase: 'caught', state: step });
    } else state.record({ type: 'execution', at: at + index * 10 + 5, execution: name, phase: 'exited', state: step, output: { done: step } });
  });
  state.record({ type: 'execution', at: at + path.length * 10, execution: name, phase: 'succeeded', output: {} });
}

describe('the console state', () => {
  it("builds an order's timeline: the POST, each state with input, output and duration, each attempt, the DLQ", () => {
    const state = new ConsoleState(['fulfill-order'], new Set(['order_dlq']));
    const post: RuntimeEvent = { type: 'api', at: 1000, method: 'POST', path: '/order', status: 201, ms: 40, requestId: 'r-1', body: JSON.stringify({ order_id: ORDER }) };
    state.record(post);
    // a read is not part of the journey
    state.record({ ...post, method: 'GET', at: 1001 });
    execution(state, 1010, ['ValidateOrder', 'StoreOrder']);
    state.record({ type: 'batch', at: 2000, function: 'fulfill-order', queue: 'order_queue', records: [{ messageId: 'm-1', body: body(ORDER), receiveCount: 1, ok: false }] });
    state.record({ type: 'batch', at: 3000, function: 'dlq-processor', queue: 'order_dlq', records: [{ messageId: 'm-1', body: body(ORDER), receiveCount: 4, ok: true }] });

    const timeline = state.timeline(ORDER);
    expect(timeline.map((entry) => [entry.kind, entry.title, entry.ok])).toEqual([
      ['api', 'POST /order -> 201', true],
      ['execution', 'Workflow execution started', true],
      ['state', 'ValidateOrder', true],
      ['state', 'StoreOrder', true],
      ['execution', 'Workflow execution succeeded', true],
      ['attempt', 'Fulfillment attempt (receive 1): failed', false],
      ['dlq', 'In order_dlq after 3 receive(s); dlq-processor processed it', true],
    ]);
    expect(timeline[2]).toMatchObject({ duration_ms: 5, input: { step: 'ValidateOrder' }, output: { done: 'ValidateOrder' } });
    expect(state.takeTouched()).toEqual([ORDER]);
    expect(state.takeTouched()).toEqual([]);
  });

  it('counts states entered and transitions taken, a Catch as an error path', () => {
    const state = new ConsoleState([], new Set());
    execution(state, 0, ['ValidateOrder', 'StoreOrder', 'ShouldEnqueue']);
    execution(state, 100, ['ValidateOrder', 'StoreOrder', 'StoreFailed'], { StoreOrder: true });
    expect(state.stateCounts).toEqual({ ValidateOrder: 2, StoreOrder: 2, ShouldEnqueue: 1, StoreFailed: 1 });
    expect(state.edgeCounts).toEqual({ 'ValidateOrder->StoreOrder': 2, 'StoreOrder->ShouldEnqueue': 1, 'StoreOrder-!->StoreFailed': 1 });
    expect(state.executionList().map((entry) => entry.path.at(-1))).toEqual(['StoreFailed', 'ShouldEnqueue']);
  });

  it('counts accepted (201) and terminal orders per second', () => {
    const state = new ConsoleState([], new Set(['order_dlq']));
    state.record({ type: 'api', at: 10_100, method: 'POST', path: '/order', status: 201, ms: 1, requestId: 'a' });
    state.record({ type: 'api', at: 10_900, method: 'POST', path: '/order', status: 422, ms: 1, requestId: 'b' });
    state.record({ type: 'batch', at: 11_000, function: 'fulfill-order', queue: 'order_queue', records: [
      { messageId: '1', body: body(ORDER), receiveCount: 1, ok: true },
      { messageId: '2', body: body(ORDER), receiveCount: 1, ok: false },
    ] });
    expect(state.ratePoints(11_500, 3)).toEqual([
      { t: 9, accepted: 0, terminal: 0 },
      { t: 10, accepted: 1, terminal: 0 },
      { t: 11, accepted: 0, terminal: 1 },
    ]);
  });

  it('keeps per-function invocations, errors, cold starts, percentiles and concurrency', () => {
    const state = new ConsoleState(['validator'], new Set());
    for (let ms = 1; ms <= 100; ms++) state.record({ type: 'invocation', at: 1000, function: 'validator', ms, ok: ms !== 50, concurrency: ms === 7 ? 3 : 1 });
    state.record({ type: 'cold-start', at: 1000, function: 'validator', initMs: 20 });
    expect(state.functionStats(2000)).toEqual([
      { name: 'validator', invocations: 100, errors: 1, cold_starts: 1, p50_ms: 50, p99_ms: 99, concurrency: 3, max_concurrency: 3 },
    ]);
    expect(state.functionStats(10_000)[0]?.concurrency).toBe(0);
    expect(percentile([], 50)).toBeNull();
  });

  it('parses function log lines and filters them by function, level, order and correlation id', () => {
    const state = new ConsoleState([], new Set());
    const line = (level: string, orderId: string, correlationId: string): string =>
      JSON.stringify({ level, message: `m-${level}`, timestamp: '2026-01-01T00:00:00.000Z', order_id: orderId, correlation_id: correlationId });
    state.record({ type: 'log', at: 1, function: 'validator', line: line('INFO', 'o-1', 'c-1') });
    state.record({ type: 'log', at: 2, function: 'fulfill-order', line: line('WARN', 'o-2', 'c-2') });
    state.record({ type: 'log', at: 3, function: 'fulfill-order', line: 'plain text' });
    expect(state.logLines().map((entry) => entry.message)).toEqual(['m-INFO', 'm-WARN', 'plain text']);
    expect(state.logLines({ function: 'fulfill-order', level: 'WARN' }).map((entry) => entry.order_id)).toEqual(['o-2']);
    expect(state.logLines({ orderId: 'o-1' }).map((entry) => entry.function)).toEqual(['validator']);
    expect(state.logLines({ correlationId: 'c-2' }).map((entry) => entry.level)).toEqual(['WARN']);
    expect(state.takeFreshLogs()).toHaveLength(3);
    expect(state.takeFreshLogs()).toHaveLength(0);
  });

  it('remembers the alarm state and its alerts, newest first', () => {
    const state = new ConsoleState([], new Set());
    state.record({ type: 'alarm', at: 1, alarm: 'dofs-failed-orders', state: 'ALARM', reason: 'crossed' });
    state.record({ type: 'alarm', at: 2, alarm: 'dofs-failed-orders', state: 'OK', reason: 'back' });
    expect(state.alarmState).toBe('OK');
    expect(state.alerts.map((alert) => alert.reason)).toEqual(['back', 'crossed']);
  });
});
