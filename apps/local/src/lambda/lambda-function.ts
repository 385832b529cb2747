import type { FunctionStats } from '@dofs/local-client';
import { randomUUID } from 'node:crypto';
import { ExecutionEnvironment, type EnvironmentSpec, type InvokeResult } from './execution-environment';
import type { FunctionLogs } from './function-logs';
import { runtimeEvents } from '../events/runtime-events';
import type { FaultInjector } from '../faults/fault-injector';
import { LAMBDA_THROTTLE } from '../faults/service-errors';

/** how long an invocation runs before an injected crash or timeout ends it: mid-invocation */
const FAULT_DELAY_MS = { min: 2, max: 40 };


export interface LambdaFunctionOptions {
  readonly spec: EnvironmentSpec;
  /** most concurrent invocations; more wait for a free environment */
  readonly maxConcurrency: number;
  /** an environment idle this long is ended, like Lambda reclaiming idle sandboxes */
  readonly idleMs: number;
  readonly logs: FunctionLogs;
  readonly onColdStart?: (functionName: string, initMs: number) => void;
  /** lambda.throttle, lambda.crash and lambda.timeout of DOFS_FAULTS */
  readonly faults?: FaultInjector;
}

/**
 * One function: a pool of execution environments created on demand up to the concurrency limit,
 * reused while warm. Invocations beyond the limit wait for a free environment (Lambda would
 * scale out to the account's limit instead; this machine cannot).
 */
export class LambdaFunction {
  private readonly counts = { invocations: 0, errors: 0, timeouts: 0, coldStarts: 0 };
  private busyOfEnded = 0;
  private readonly all = new Set<ExecutionEnvironment>();
  private readonly idle: { environment: ExecutionEnvironment; timer: NodeJS.Timeout }[] = [];
  private readonly waiting: ((environment: ExecutionEnvironment | undefined) => void)[] = [];
  private inFlight = 0;
  private drained: (() => void)[] = [];
  private stopped = false;

  constructor(private readonly options: LambdaFunctionOptions) {}

  get stats(): FunctionStats {
    let busyMs = this.busyOfEnded;
    for (const environment of this.all) busyMs += environment.busyMs();
    return { ...this.counts, environments: this.all.size, busyMs };
  }

  get name(): string {
    return this.options.spec.data.functionName;
  }

  get arn(): string {
    return this.options.spec.data.functionArn;
  }

  /** Invokes the function with a JSON event; resolves with its JSON result or its error. */
  async invoke(event: unknown, requestId: string = randomUUID()): Promise<InvokeResult> {
    if (this.stopped) return { ok: false, error: { errorType: 'Lambda.ServiceException', errorMessage: 'The local runtime is stopping' } };
    // Invoke refuses before any environment runs: the caller's retry policy decides what next
    if (this.options.faults?.roll('lambda.throttle')) return { ok: false, error: { ...LAMBDA_THROTTLE } };
    this.inFlight++;
    this.counts.invocations++;
    try {
      const environment = await this.acquire().catch(() => undefined);
      if (!environment)
        return {
          ok: false,
          error: {
            errorType: 'Lambda.ServiceException',
            errorMessage: 'No execution environment could be started (or the local runtime is stopping)',
          },
        };
      const traceId = `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomUUID().replaceAll('-', '').slice(0, 24)};Sampled=0`;
      const [started, concurrency] = [performance.now(), this.inFlight];
      const pending = environment.invoke(requestId, JSON.stringify(event), traceId);
      this.injectEnd(environment);
      const result = await pending;
      runtimeEvents.publish({ type: 'invocation', function: this.name, ms: performance.now() - started, ok: result.ok, errorType: result.ok ? undefined : result.error.errorType, concurrency });
      if (!result.ok) {
        this.counts.errors++;
        if (result.error.errorType === 'Sandbox.Timedout') this.counts.timeouts++;
      }
      this.release(environment);
      return result;
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) for (const resolve of this.drained.splice(0)) resolve();
    }
  }

  /** lambda.crash ends the worker thread mid-invocation (Runtime.ExitError); lambda.timeout ends the invocation as timed out. */
  private injectEnd(environment: ExecutionEnvironment): void {
    const kind = this.options.faults?.pick('lambda.crash', 'lambda.timeout');
    if (!kind) return;
    const delay = FAULT_DELAY_MS.min + Math.random() * (FAULT_DELAY_MS.max - FAULT_DELAY_MS.min);
    setTimeout(() => (kind === 'lambda.crash' ? void environment.end() : environment.timeOut()), delay);
  }

  private async acquire(): Promise<ExecutionEnvironment | undefined> {
    const warm = this.takeWarmest();
    if (warm) {
      clearTimeout(warm.timer);
      return warm.environment;
    }
    if (this.all.size < this.options.maxConcurrency) return this.create();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /**
   * The idle environment that has run the most invocations. Each environment is its own V8
   * isolate and optimises its code by itself, so work kept on the warmest costs less CPU than work
   * spread over all (which taking the last one released did after every burst); the others run
   * only what overflows it. Lambda does not say which warm environment it picks.
   */
  private takeWarmest(): { environment: ExecutionEnvironment; timer: NodeJS.Timeout } | undefined {
    let best = -1;
    this.idle.forEach((entry, i) => {
      if (best < 0 || entry.environment.invocations > (this.idle[best]?.environment.invocations ?? 0)) best = i;
    });
    return best < 0 ? undefined : this.idle.splice(best, 1)[0];
  }

  private async create(): Promise<ExecutionEnvironment> {
    const environment = new ExecutionEnvironment(this.options.spec, this.options.logs, (ended) => {
      if (this.all.delete(ended)) this.busyOfEnded += ended.busyMs();
      const index = this.idle.findIndex((entry) => entry.environment === ended);
      if (index >= 0) clearTimeout(this.idle.splice(index, 1)[0]?.timer);
    });
    this.all.add(environment);
    this.counts.coldStarts++;
    const failure = await environment.init();
    if (!failure && environment.initMs !== undefined) this.options.onColdStart?.(this.name, environment.initMs);
    if (!failure) runtimeEvents.publish({ type: 'cold-start', function: this.name, initMs: environment.initMs ?? 0 });
    return environment;
  }

  private release(environment: ExecutionEnvironment): void {
    const next = this.waiting.shift();
    if (next) {
      // an ended environment is replaced by a fresh one (a cold start) for the next in line
      if (environment.alive) next(environment);
      else this.create().then(next, () => next(undefined));
      return;
    }
    if (!environment.alive) return;
    const timer = setTimeout(() => void environment.end(), this.options.idleMs);
    timer.unref();
    this.idle.push({ environment, timer });
  }

  /** Resolves when no invocation is running or waiting. */
  drain(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  /** Refuses new invocations, lets running ones finish (up to `graceMs`), ends every environment. */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.drain(), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    for (const resolve of this.waiting.splice(0)) resolve(undefined);
    await Promise.all([...this.all].map((environment) => environment.end()));
  }
}
