import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { FunctionLogs } from './function-logs';
import type { InvokeRequest, LambdaError, WorkerData, WorkerMessage } from './worker-protocol';

export type InvokeResult = { readonly ok: true; readonly payload: string } | { readonly ok: false; readonly error: LambdaError };

export interface EnvironmentSpec {
  readonly workerScript: string;
  readonly data: WorkerData;
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Lambda's init phase may take at most 10 s */
  readonly initTimeoutMs: number;
}

/**
 * The heap Lambda's Node.js bootstrap gives a function of this memory size: a tenth of it for
 * new objects (--max-semi-space-size of half that; V8's young generation is three semi-spaces),
 * the rest for old ones. Limiting only the old generation would leave the young one at V8's
 * default, and a 128 MB function could grow its heap to 320 MB.
 */
export function heapLimits(memoryMb: number): { maxYoungGenerationSizeMb: number; maxOldGenerationSizeMb: number } {
  const newSpace = Math.floor(memoryMb / 10);
  const semiSpace = Math.floor(newSpace / 2);
  return { maxYoungGenerationSizeMb: semiSpace * 3, maxOldGenerationSizeMb: memoryMb - newSpace };
}

/**
 * One Lambda execution environment: a worker thread with the function's own environment
 * variables and module state, serving one invocation at a time. It is ended (terminated) when an
 * invocation times out or an error escapes the handler, as Lambda resets the sandbox then.
 */
export class ExecutionEnvironment {
  private readonly worker: Worker;
  private readonly ready: Promise<InvokeResult | undefined>;
  private pending: { requestId: string; resolve: (result: InvokeResult) => void } | undefined;
  private ended = false;
  private busyAtEnd = 0;
  initMs: number | undefined;
  /** invocations this environment has started: how warm its code is (V8 optimises per isolate) */
  invocations = 0;

  constructor(
    private readonly spec: EnvironmentSpec,
    logs: FunctionLogs,
    private readonly onEnd: (environment: ExecutionEnvironment) => void,
  ) {
    const logStream = `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${randomUUID().replaceAll('-', '')}`;
    this.worker = new Worker(spec.workerScript, {
      workerData: spec.data,
      env: { ...spec.env, AWS_LAMBDA_LOG_STREAM_NAME: logStream },
      resourceLimits: heapLimits(spec.data.memoryMb),
    });
    this.ready = new Promise((resolve) => {
      const timer = setTimeout(() => {
        resolve({
          ok: false,
          error: { errorType: 'Runtime.InitTimeout', errorMessage: `Init phase did not finish within ${spec.initTimeoutMs / 1000} s` },
        });
        void this.end();
      }, spec.initTimeoutMs);
      this.worker.on('message', (message: WorkerMessage) => {
        switch (message.type) {
          case 'ready':
            clearTimeout(timer);
            this.initMs = message.initMs;
            resolve(undefined);
            break;
          case 'init-error':
            clearTimeout(timer);
            resolve({ ok: false, error: message.error });
            void this.end();
            break;
          case 'result':
            this.settle(message.requestId, { ok: true, payload: message.payload });
            break;
          case 'error':
            this.settle(message.requestId, { ok: false, error: message.error });
            break;
          case 'log':
            logs.line(spec.data.functionName, message.kind, message.line);
            break;
          case 'crash':
            if (this.pending) this.settle(this.pending.requestId, { ok: false, error: message.error });
            void this.end();
            break;
        }
      });
      this.worker.on('error', (error) => {
        clearTimeout(timer);
        const failure: InvokeResult = { ok: false, error: { errorType: 'Runtime.ExitError', errorMessage: error.message } };
        resolve(failure);
        if (this.pending) this.settle(this.pending.requestId, failure);
        void this.end();
      });
      this.worker.on('exit', (code) => {
        clearTimeout(timer);
        const failure: InvokeResult = {
          ok: false,
          error: { errorType: 'Runtime.ExitError', errorMessage: `RequestId: exited with code ${code}` },
        };
        resolve(failure);
        if (this.pending) this.settle(this.pending.requestId, failure);
        this.markEnded();
      });
    });
  }

  /** Resolves with the init failure, or undefined once the handler is loaded. */
  init(): Promise<InvokeResult | undefined> {
    return this.ready;
  }

  get alive(): boolean {
    return !this.ended;
  }

  /** Milliseconds the environment's thread has been busy (its event loop not waiting) so far. */
  busyMs(): number {
    return this.ended ? this.busyAtEnd : this.worker.performance.eventLoopUtilization().active;
  }

  async invoke(requestId: string, event: string, traceId: string): Promise<InvokeResult> {
    const initFailure = await this.ready;
    if (initFailure) return initFailure;
    if (this.ended) return { ok: false, error: { errorType: 'Runtime.ExitError', errorMessage: 'The execution environment has ended' } };
    this.invocations++;
    const deadline = Date.now() + this.spec.timeoutMs;
    const result = new Promise<InvokeResult>((resolve) => {
      this.pending = { requestId, resolve };
    });
    const timer = setTimeout(() => this.timeOut(), this.spec.timeoutMs);
    const request: InvokeRequest = { type: 'invoke', requestId, event, deadline, traceId };
    this.worker.postMessage(request);
    try {
      return await result;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Ends the running invocation as Lambda ends one that ran out of time: Sandbox.Timedout, and
   * the environment is discarded. The timeout timer calls it, and so does the lambda.timeout fault.
   */
  timeOut(): void {
    if (!this.pending) return;
    const { requestId } = this.pending;
    const seconds = (this.spec.timeoutMs / 1000).toFixed(2);
    this.settle(requestId, {
      ok: false,
      error: { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: Task timed out after ${seconds} seconds` },
    });
    void this.end();
  }

  private settle(requestId: string, result: InvokeResult): void {
    if (this.pending?.requestId !== requestId) return;
    const { resolve } = this.pending;
    this.pending = undefined;
    resolve(result);
  }

  private markEnded(): void {
    if (this.ended) return;
    this.busyAtEnd = this.worker.performance.eventLoopUtilization().active;
    this.ended = true;
    this.onEnd(this);
  }

  async end(): Promise<void> {
    this.markEnded();
    await this.worker.terminate();
  }
}
