import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULTS } from '@dofs/contracts';
import { arns, CREDENTIALS, REGION } from '../aws-identity';
import { functionLogEcho } from './terminal-format';
import type { LocalCatalog } from '../local-catalog';
import { sourceResolver } from '../local-catalog';
import type { MessagingService } from '../messaging/messaging-service';
import type { Notice } from '../notice';
import type { RuntimeContext } from '../runtime-context';
import { parseHandler, resolveEnvironment, type FunctionManifest } from '../function-manifest';
import { FunctionLogs } from './function-logs';
import { LambdaFunction } from './lambda-function';
import { type LocalEndpoints } from '@dofs/local-client';
import { StartupError } from '../startup-error';
import type { FaultInjector } from '../faults/fault-injector';

const IDLE_ENVIRONMENT_MS = 5 * 60_000;
/** Lambda's init phase may take at most 10 s */
export const LAMBDA_INIT_TIMEOUT_MS = 10_000;

/** The module file of each function's handler (<bundlesDir>/<app>/index.js), all of them or a StartupError. */
export function findBundles(manifests: readonly FunctionManifest[], bundlesDir: string, root: string): Map<string, string> {
  const modules = new Map<string, string>();
  const missing: string[] = [];
  for (const manifest of manifests) {
    const file = path.join(bundlesDir, manifest.app, `${parseHandler(manifest.handler).module}.js`);
    if (existsSync(file)) modules.set(manifest.app, file);
    else missing.push(path.relative(root, file) || file);
  }
  if (missing.length > 0) {
    throw new StartupError(
      `Missing Lambda bundle${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. Build them with \`npm run build\` (\`npm start\` builds them itself).`,
    );
  }
  return modules;
}

export interface LambdaSetup extends Pick<RuntimeContext, 'options' | 'paths' | 'dataDir' | 'manifests' | 'out' | 'note'> {
  /** each function's handler module, from findBundles */
  readonly modules: ReadonlyMap<string, string>;
  readonly catalog: LocalCatalog;
  /** the AWS endpoints the functions' SDK clients use */
  readonly endpoints: LocalEndpoints['endpoints'];
  /** for the visibility timeout of each function's trigger queue */
  readonly messaging: Pick<MessagingService, 'visibilityTimeouts'>;
  /** the lambda.* faults of DOFS_FAULTS */
  readonly faults?: FaultInjector;
}

/** The local Lambda service: one LambdaFunction per manifest, and their logs. */
export interface LambdaService extends AsyncDisposable {
  readonly functions: ReadonlyMap<string, LambdaFunction>;
  /** one file per function; also where their metrics (EMF) are read */
  readonly logs: FunctionLogs;
  /** how the functions differ from their AWS configuration */
  readonly notices: readonly Notice[];
}

/**
 * One LambdaFunction per manifest, with the environment Lambda gives a function (region, name,
 * memory, dummy credentials), the local endpoints, and the manifest's variables, each from its
 * source, as Terraform wires them. Environments start on first invocation; disposing stops them.
 */
export function startFunctions(setup: LambdaSetup): LambdaService {
  const functionNames = setup.manifests.map((manifest) => manifest.app);
  const echo = functionLogEcho(setup.options, functionNames, setup.out.info, process.stdout.hasColors?.() ?? false);
  const logs = new FunctionLogs(setup.dataDir.logs, echo);
  const resolveSource = sourceResolver(setup.catalog, setup.options);
  const functions = new Map<string, LambdaFunction>();
  const notices: Notice[] = [];
  for (const manifest of setup.manifests) {
    const { timeoutSeconds, notice } = localTimeout(manifest, setup.messaging.visibilityTimeouts);
    if (notice) notices.push(notice);
    functions.set(manifest.app, localFunction(manifest, timeoutSeconds, setup, logs, resolveSource));
  }
  return {
    functions,
    logs,
    notices,
    [Symbol.asyncDispose]: async () => {
      await Promise.all([...functions.values()].map((fn) => fn.stop(LAMBDA_INIT_TIMEOUT_MS)));
    },
  };
}

/** The manifest's timeout, capped to its trigger queue's visibility timeout as AWS requires. */
function localTimeout(
  manifest: FunctionManifest,
  visibilityTimeouts: ReadonlyMap<string, number>,
): { timeoutSeconds: number; notice?: Notice } {
  const timeoutSeconds = manifest.timeout_seconds ?? DEFAULTS.lambda_timeout_seconds;
  const queue = manifest.trigger.type === 'sqs' ? manifest.trigger.queue : undefined;
  const visibility = queue === undefined ? undefined : visibilityTimeouts.get(queue);
  // AWS refuses an event source mapping whose function may outlive the queue's visibility timeout
  if (visibility === undefined || timeoutSeconds <= visibility) return { timeoutSeconds };
  return {
    timeoutSeconds: visibility,
    notice: {
      label: `${manifest.app} timeout`,
      text: `${visibility} s (${timeoutSeconds} s on AWS): capped to ${queue}'s visibility timeout`,
    },
  };
}

function localFunction(
  manifest: FunctionManifest,
  timeoutSeconds: number,
  setup: LambdaSetup,
  logs: FunctionLogs,
  resolveSource: ReturnType<typeof sourceResolver>,
): LambdaFunction {
  const { endpoints } = setup;
  const modulePath = setup.modules.get(manifest.app) ?? '';
  const memoryMb = manifest.memory_size_mb ?? DEFAULTS.lambda_memory_size_mb;
  const env: Record<string, string> = {
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_SNS: endpoints.sns,
    AWS_ENDPOINT_URL_SFN: endpoints.stepfunctions,
    AWS_LAMBDA_FUNCTION_NAME: manifest.app,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${manifest.app}`,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    // Powertools reports cold starts only for on-demand environments, as Lambda marks them
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    LAMBDA_TASK_ROOT: path.dirname(modulePath),
    _HANDLER: manifest.handler,
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    ...resolveEnvironment(manifest, resolveSource),
  };
  return new LambdaFunction({
    spec: {
      workerScript: path.join(setup.paths.runtimeDir, 'lambda-worker.cjs'),
      data: {
        functionName: manifest.app,
        functionArn: arns.function(manifest.app),
        memoryMb,
        modulePath,
        handlerExport: parseHandler(manifest.handler).exportName,
        logFile: logs.logFile(manifest.app),
        echo: logs.echoing,
      },
      env,
      timeoutMs: timeoutSeconds * 1000,
      initTimeoutMs: LAMBDA_INIT_TIMEOUT_MS,
    },
    maxConcurrency: setup.options.lambdaConcurrency,
    idleMs: IDLE_ENVIRONMENT_MS,
    logs,
    ...(setup.faults && { faults: setup.faults }),
    onColdStart: (name, initMs) => setup.note(`cold start ${name}: init ${initMs.toFixed(0)} ms`),
  });
}
