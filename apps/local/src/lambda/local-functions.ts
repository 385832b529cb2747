import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULTS } from '@dofs/contracts';
import { arns, CREDENTIALS, REGION } from '../aws-identity';
import type { LocalCatalog } from '../local-catalog';
import { sourceResolver } from '../local-catalog';
import type { Notice } from '../notice';
import { parseHandler, resolveEnvironment, type FunctionManifest } from './function-manifest';
import type { FunctionLogs } from './function-logs';
import { LambdaFunction } from './lambda-function';
import { type LocalSystemOptions, StartupError } from '@dofs/local-client';

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

export interface LocalFunctionsSetup {
  readonly manifests: readonly FunctionManifest[];
  readonly modules: ReadonlyMap<string, string>;
  readonly catalog: LocalCatalog;
  readonly options: LocalSystemOptions;
  readonly endpoints: { readonly dynamodb: string; readonly sqs: string; readonly sns: string; readonly stepfunctions: string };
  /** the visibility timeout of each queue, for functions triggered by it */
  readonly visibilityTimeouts: ReadonlyMap<string, number>;
  readonly workerScript: string;
  readonly logs: FunctionLogs;
  readonly onColdStart: (functionName: string, initMs: number) => void;
}

/**
 * One LambdaFunction per manifest, with the environment Lambda gives a function (region, name,
 * memory, dummy credentials), the local endpoints, and the manifest's variables, each from its
 * source, as Terraform wires them.
 */
export function createFunctions(setup: LocalFunctionsSetup): { functions: Map<string, LambdaFunction>; notices: Notice[] } {
  const { catalog, options, endpoints, logs } = setup;
  const resolveSource = sourceResolver(catalog, options);
  const functions = new Map<string, LambdaFunction>();
  const notices: Notice[] = [];
  for (const manifest of setup.manifests) {
    const modulePath = setup.modules.get(manifest.app) ?? '';
    const memoryMb = manifest.memory_size_mb ?? DEFAULTS.lambda_memory_size_mb;
    let timeoutSeconds = manifest.timeout_seconds ?? DEFAULTS.lambda_timeout_seconds;
    const queue = manifest.trigger.type === 'sqs' ? manifest.trigger.queue : undefined;
    const visibility = queue === undefined ? undefined : setup.visibilityTimeouts.get(queue);
    if (visibility !== undefined && timeoutSeconds > visibility) {
      // AWS refuses an event source mapping whose function may outlive the queue's visibility timeout
      notices.push({
        label: `${manifest.app} timeout`,
        text: `${visibility} s (${timeoutSeconds} s on AWS): capped to ${queue}'s visibility timeout`,
      });
      timeoutSeconds = visibility;
    }
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
    functions.set(
      manifest.app,
      new LambdaFunction({
        spec: {
          workerScript: setup.workerScript,
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
        maxConcurrency: options.lambdaConcurrency,
        idleMs: IDLE_ENVIRONMENT_MS,
        logs,
        onColdStart: setup.onColdStart,
      }),
    );
  }
  return { functions, notices };
}
