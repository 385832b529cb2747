/** Messages between the runtime (main thread) and one Lambda execution environment (a worker). */

/** What Lambda reports for a failed invocation (the Invoke API's error payload). */
export interface LambdaError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

export interface WorkerData {
  readonly functionName: string;
  readonly functionArn: string;
  readonly memoryMb: number;
  /** absolute path of the module that holds the handler, e.g. <bundle dir>/index.js */
  readonly modulePath: string;
  /** the exported handler name, e.g. `handler` for `index.handler` */
  readonly handlerExport: string;
  /** the function's log file, written by the worker itself */
  readonly logFile: string;
  /** whether to send every log line to the runtime for its console */
  readonly echo: boolean;
}

export interface InvokeRequest {
  readonly type: 'invoke';
  readonly requestId: string;
  /** the event as JSON text, as Lambda receives it */
  readonly event: string;
  /** epoch ms when the invocation times out, for context.getRemainingTimeInMillis() */
  readonly deadline: number;
  readonly traceId: string;
}

export type WorkerMessage =
  | { readonly type: 'ready'; readonly initMs: number }
  | { readonly type: 'init-error'; readonly error: LambdaError }
  | { readonly type: 'result'; readonly requestId: string; readonly payload: string }
  | { readonly type: 'error'; readonly requestId: string; readonly error: LambdaError }
  /** an error escaped the handler: the environment is done, the runtime ends it */
  | { readonly type: 'crash'; readonly error: LambdaError }
  /** a log line: `metric` for an EMF document (always sent), `echo` for the console */
  | { readonly type: 'log'; readonly kind: 'metric' | 'echo'; readonly line: string };

export function toLambdaError(error: unknown, fallbackType = 'Error'): LambdaError {
  if (error instanceof Error) {
    return {
      errorType: error.name || fallbackType,
      errorMessage: error.message,
      trace: (error.stack ?? '').split('\n'),
    };
  }
  return { errorType: fallbackType, errorMessage: typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error)) };
}
