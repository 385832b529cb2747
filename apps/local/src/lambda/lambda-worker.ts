/**
 * The bootstrap of one Lambda execution environment. It runs in its own worker thread, so its
 * module state and process.env (set by the runtime from the function's manifest) belong to this
 * function alone, as in Lambda. Like the nodejs24.x runtime it loads the handler module once
 * (the init phase, timed), then runs one invocation at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { nameThisThread } from '../thread-name';
import { captureOutput } from './worker-output';
import { toLambdaError, type InvokeRequest, type WorkerData, type WorkerMessage } from './worker-protocol';

type Handler = (event: unknown, context: object) => unknown;

const data = workerData as WorkerData;
const port = parentPort;
if (!port) throw new Error('lambda-worker runs only as a worker thread');
const post = (message: WorkerMessage): void => port.postMessage(message);
nameThisThread(data.functionName);

captureOutput(
  data.logFile,
  (line) => post({ type: 'log', kind: 'metric', line }),
  data.echo ? (line) => post({ type: 'log', kind: 'echo', line }) : undefined,
);

function load(): Handler | undefined {
  const started = performance.now();
  try {
    // Lambda loads CommonJS bundles with require
    const exported = require(data.modulePath) as Record<string, unknown>;
    const handler = exported[data.handlerExport];
    if (typeof handler !== 'function') {
      post({
        type: 'init-error',
        error: {
          errorType: 'Runtime.HandlerNotFound',
          errorMessage: `${data.modulePath} does not export a function named ${data.handlerExport}`,
        },
      });
      return undefined;
    }
    post({ type: 'ready', initMs: performance.now() - started });
    return handler as Handler;
  } catch (error) {
    const lambdaError = toLambdaError(error);
    post({
      type: 'init-error',
      error:
        (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND'
          ? { ...lambdaError, errorType: 'Runtime.ImportModuleError' }
          : lambdaError,
    });
    return undefined;
  }
}

// As in Lambda, an error that escapes the handler ends the environment (the runtime terminates
// this worker when it reads the message); the next invocation starts a new one.
function crash(errorType: string) {
  return (reason: unknown): void => {
    const error = { ...toLambdaError(reason), errorType };
    console.error(`${errorType}: ${error.errorMessage}`);
    post({ type: 'crash', error });
  };
}
process.on('unhandledRejection', crash('Runtime.UnhandledPromiseRejection'));
process.on('uncaughtException', crash('Runtime.UncaughtException'));

const handler = load();
if (handler) {
  port.on('message', async (request: InvokeRequest) => {
    process.env['_X_AMZN_TRACE_ID'] = request.traceId;
    const context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName: data.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: data.functionArn,
      memoryLimitInMB: String(data.memoryMb),
      awsRequestId: request.requestId,
      logGroupName: `/aws/lambda/${data.functionName}`,
      logStreamName: process.env['AWS_LAMBDA_LOG_STREAM_NAME'] ?? '',
      getRemainingTimeInMillis: () => Math.max(0, request.deadline - Date.now()),
    };
    try {
      const result = await handler(JSON.parse(request.event), context);
      // Lambda returns the JSON text of the result; undefined becomes null
      post({ type: 'result', requestId: request.requestId, payload: JSON.stringify(result) ?? 'null' });
    } catch (error) {
      post({ type: 'error', requestId: request.requestId, error: toLambdaError(error) });
    }
  });
}
