// The Lambda emulation itself: isolation, warm state, timeout, concurrency, errors, logs.
// The environments run the built worker bootstrap (dist/apps/local, a dependency of `test`) and
// a small handler module written for these tests.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from '../../tests/support/wait-for';
import { workspacePaths } from '../workspace';
import type { EmfDocument } from './function-logs';
import { FunctionLogs } from './function-logs';
import { heapLimits } from './execution-environment';
import { LambdaFunction } from './lambda-function';
import { FaultInjector } from '../faults/fault-injector';

const FIXTURE = `
let calls = 0;
const loadedAt = Date.now() + Math.random();
exports.handler = async (event, context) => {
  calls++;
  switch (event.action) {
    case 'env': return { secret: process.env.SECRET ?? null, leaked: process.env.DOFS_TEST_PARENT_ONLY ?? null, name: context.functionName };
    case 'count': return { calls, loadedAt };
    case 'sleep': await new Promise((resolve) => setTimeout(resolve, event.ms)); return { remaining: context.getRemainingTimeInMillis() };
    case 'throw': { const error = new Error('boom'); error.name = 'CustomError'; throw error; }
    case 'escape': setTimeout(() => { throw new Error('escaped'); }, 10); return 'returned';
    case 'log': console.log(event.line); return 'logged';
    case 'heap': return { limitMb: require('node:v8').getHeapStatistics().heap_size_limit / 1048576 };
    case 'spin': { const until = Date.now() + event.ms; while (Date.now() < until); return 'spun'; }
  }
};`;

let dir: string;
const functions: LambdaFunction[] = [];

function lambda(
  name: string,
  options: { env?: Record<string, string>; timeoutMs?: number; maxConcurrency?: number; module?: string; logs?: FunctionLogs; faults?: FaultInjector } = {},
): LambdaFunction {
  const modulePath = path.join(dir, options.module ?? 'fixture.js');
  const logs = options.logs ?? new FunctionLogs(dir, undefined);
  const fn = new LambdaFunction({
    spec: {
      workerScript: path.join(workspacePaths().runtimeDir, 'lambda-worker.cjs'),
      data: {
        functionName: name,
        functionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
        memoryMb: 128,
        modulePath,
        handlerExport: 'handler',
        logFile: logs.logFile(name),
        echo: false,
      },
      env: options.env ?? {},
      timeoutMs: options.timeoutMs ?? 5_000,
      initTimeoutMs: 10_000,
    },
    maxConcurrency: options.maxConcurrency ?? 4,
    idleMs: 60_000,
    logs,
    ...(options.faults && { faults: options.faults }),
  });
  functions.push(fn);
  return fn;
}

async function invoke(fn: LambdaFunction, event: object): Promise<unknown> {
  const result = await fn.invoke(event);
  if (!result.ok) throw new Error(`${result.error.errorType}: ${result.error.errorMessage}`);
  return JSON.parse(result.payload);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dofs-lambda-'));
  writeFileSync(path.join(dir, 'fixture.js'), FIXTURE);
  writeFileSync(path.join(dir, 'broken.js'), "throw new TypeError('cannot initialise');");
});

afterAll(async () => {
  await Promise.all(functions.map((fn) => fn.stop(1_000)));
  rmSync(dir, { recursive: true, force: true });
});

it('gives each function only its own environment variables', async () => {
  process.env['DOFS_TEST_PARENT_ONLY'] = 'visible to the runtime only';
  try {
    const a = lambda('fn-a', { env: { SECRET: 'a' } });
    const b = lambda('fn-b', { env: { SECRET: 'b' } });
    expect(await invoke(a, { action: 'env' })).toEqual({ secret: 'a', leaked: null, name: 'fn-a' });
    expect(await invoke(b, { action: 'env' })).toEqual({ secret: 'b', leaked: null, name: 'fn-b' });
  } finally {
    delete process.env['DOFS_TEST_PARENT_ONLY'];
  }
});

it('keeps module state in a warm environment, and gives each function its own', async () => {
  const a = lambda('warm-a');
  const b = lambda('warm-b');
  const first = (await invoke(a, { action: 'count' })) as { calls: number; loadedAt: number };
  const second = (await invoke(a, { action: 'count' })) as { calls: number; loadedAt: number };
  const other = (await invoke(b, { action: 'count' })) as { calls: number; loadedAt: number };
  expect(second).toEqual({ calls: first.calls + 1, loadedAt: first.loadedAt });
  expect(other.calls).toBe(1);
  expect(other.loadedAt).not.toBe(first.loadedAt);
  expect(a.stats.coldStarts).toBe(1);
});

it('ends an invocation at its timeout, and starts a fresh environment for the next one', async () => {
  const fn = lambda('slow', { timeoutMs: 300 });
  await invoke(fn, { action: 'count' });
  const started = Date.now();
  const result = await fn.invoke({ action: 'sleep', ms: 5_000 });
  expect(result).toEqual({
    ok: false,
    error: expect.objectContaining({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringContaining('Task timed out after 0.30 seconds'),
    }),
  });
  expect(Date.now() - started).toBeLessThan(3_000);
  expect(await invoke(fn, { action: 'count' })).toMatchObject({ calls: 1 });
  expect(fn.stats).toMatchObject({ coldStarts: 2, timeouts: 1 });
});

it('tells the handler how much time it has left', async () => {
  const fn = lambda('remaining', { timeoutMs: 2_000 });
  const { remaining } = (await invoke(fn, { action: 'sleep', ms: 100 })) as { remaining: number };
  expect(remaining).toBeGreaterThan(0);
  expect(remaining).toBeLessThanOrEqual(1_900);
});

it('runs at most maxConcurrency invocations at once; the others wait for an environment', async () => {
  const fn = lambda('limited', { maxConcurrency: 2 });
  await Promise.all([invoke(fn, { action: 'count' }), invoke(fn, { action: 'count' })]);
  const started = Date.now();
  await Promise.all(Array.from({ length: 6 }, () => invoke(fn, { action: 'sleep', ms: 200 })));
  // three waves of two
  expect(Date.now() - started).toBeGreaterThanOrEqual(590);
  expect(fn.stats.coldStarts).toBe(2);
  expect(fn.stats.environments).toBe(2);
});

it('reports a handler error as Lambda does and keeps the environment', async () => {
  const fn = lambda('failing');
  expect(await fn.invoke({ action: 'throw' })).toEqual({
    ok: false,
    error: expect.objectContaining({ errorType: 'CustomError', errorMessage: 'boom' }),
  });
  expect(await invoke(fn, { action: 'count' })).toMatchObject({ calls: 2 });
});

it('ends an environment when an error escapes the handler', async () => {
  const fn = lambda('escaping');
  expect(await invoke(fn, { action: 'escape' })).toBe('returned');
  await waitFor('the environment to end', async () => (fn.stats.environments === 0 ? true : undefined), 5_000, 10);
  expect(await invoke(fn, { action: 'count' })).toMatchObject({ calls: 1 });
  expect(fn.stats.coldStarts).toBe(2);
});

it('reports an init failure with the error the module threw', async () => {
  const fn = lambda('broken', { module: 'broken.js' });
  expect(await fn.invoke({})).toEqual({
    ok: false,
    error: expect.objectContaining({ errorType: 'TypeError', errorMessage: 'cannot initialise' }),
  });
  const missing = lambda('missing', { module: 'nowhere.js' });
  expect(await missing.invoke({})).toEqual({ ok: false, error: expect.objectContaining({ errorType: 'Runtime.ImportModuleError' }) });
});

it('writes function output to its log file and hands EMF documents to the metric listeners', async () => {
  const logs = new FunctionLogs(dir, undefined);
  const metrics: EmfDocument[] = [];
  logs.onMetric((_name, document) => metrics.push(document));
  const fn = lambda('logging', { logs });
  const emf = JSON.stringify({
    _aws: {
      Timestamp: 1,
      CloudWatchMetrics: [{ Namespace: 'DOFS', Dimensions: [['service']], Metrics: [{ Name: 'FailedOrders', Unit: 'Count' }] }],
    },
    service: 'x',
    FailedOrders: 1,
  });
  await invoke(fn, { action: 'log', line: 'plain line' });
  await invoke(fn, { action: 'log', line: emf });
  expect(readFileSync(logs.logFile('logging'), 'utf8')).toBe(`plain line\n${emf}\n`);
  expect(metrics).toEqual([JSON.parse(emf)]);
});

it('gives the next invocation to the idle environment that has run the most, not the last one released', async () => {
  const fn = lambda('warmest', { maxConcurrency: 3 });
  await Promise.all([1, 2, 3].map(() => invoke(fn, { action: 'sleep', ms: 50 })));
  const warm = (await invoke(fn, { action: 'count' })) as { calls: number; loadedAt: number };
  for (let i = 0; i < 3; i++) await invoke(fn, { action: 'count' });
  // a burst in which the warmest environment finishes first and a cold one last
  await Promise.all([10, 200, 100].map((ms) => invoke(fn, { action: 'sleep', ms })));
  expect(await invoke(fn, { action: 'count' })).toEqual({ calls: warm.calls + 5, loadedAt: warm.loadedAt });
  expect(fn.stats.environments).toBe(3);
});

it("bounds the heap by the function's memory, split as Lambda's Node.js bootstrap splits it", async () => {
  expect(heapLimits(256)).toEqual({ maxYoungGenerationSizeMb: 36, maxOldGenerationSizeMb: 231 });
  // memoryMb 128: 18 MB young + 116 MB old, rounded up by V8 to its page sizes
  const { limitMb } = (await invoke(lambda('heap'), { action: 'heap' })) as { limitMb: number };
  expect(limitMb).toBeGreaterThanOrEqual(128);
  expect(limitMb).toBeLessThan(160);
});

it('counts the busy time of its environments, ended ones included', async () => {
  const fn = lambda('busy', { timeoutMs: 300 });
  await invoke(fn, { action: 'spin', ms: 200 });
  const warm = fn.stats.busyMs;
  expect(warm).toBeGreaterThanOrEqual(200);
  // the timeout ends the environment; what it spent stays counted
  expect((await fn.invoke({ action: 'spin', ms: 1_000 })).ok).toBe(false);
  await waitFor('the environment to end', async () => (fn.stats.environments === 0 ? true : undefined), 5_000, 10);
  expect(fn.stats.busyMs).toBeGreaterThanOrEqual(warm + 250);
});

describe('injected faults (DOFS_FAULTS)', () => {
  it('lambda.throttle refuses the Invoke with TooManyRequestsException before any environment runs', async () => {
    const fn = lambda('throttled', { faults: new FaultInjector({ 'lambda.throttle': 1 }, 's') });
    const result = await fn.invoke({ action: 'count' });
    expect(result.ok ? undefined : result.error.errorType).toBe('Lambda.TooManyRequestsException');
    expect(fn.stats.coldStarts).toBe(0);
  });

  it('lambda.crash terminates the worker mid-invocation: Runtime.ExitError, and the next call gets a fresh environment', async () => {
    const faults = new FaultInjector({ 'lambda.crash': 1 }, 's');
    const fn = lambda('crashing', { faults });
    const result = await fn.invoke({ action: 'sleep', ms: 2000 });
    expect(result.ok ? undefined : result.error.errorType).toBe('Runtime.ExitError');
    expect(faults.counts['lambda.crash']).toBe(1);
    await waitFor('the crashed environment to end', async () => (fn.stats.environments === 0 ? true : undefined));
  });

  it('lambda.timeout ends the invocation as Sandbox.Timedout', async () => {
    const fn = lambda('timing-out', { faults: new FaultInjector({ 'lambda.timeout': 1 }, 's') });
    const result = await fn.invoke({ action: 'sleep', ms: 2000 });
    expect(result.ok ? undefined : result.error.errorType).toBe('Sandbox.Timedout');
    expect(fn.stats.timeouts).toBe(1);
  });
});
