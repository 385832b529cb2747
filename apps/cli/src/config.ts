import path from 'node:path';
import { EndpointsFileError, ENDPOINTS_FILE, LOCAL_DEFAULTS, readEndpointsFile, type LocalEndpoints } from '@dofs/local-client';
import { configError } from './cli-error';
import type { Io } from './output';

export interface GlobalFlags {
  readonly apiUrl?: string;
  readonly apiKey?: string;
  readonly endpoints?: string;
  readonly dataDir?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly failedOrdersTable?: string;
  readonly orderQueue?: string;
  readonly orderDlq?: string;
}

/** Everything a command may need to reach the system; what is missing is asked for when needed. */
export interface Target {
  readonly mode: 'local' | 'remote';
  /** Where this came from, for messages: the endpoints.json path, or "flags and environment". */
  readonly source: string;
  readonly apiUrl: string | undefined;
  /** sent as x-api-key: --api-key, else DOFS_API_KEY, else (local) endpoints.json's api_key */
  readonly apiKey: string | undefined;
  readonly aws: {
    readonly region: string | undefined;
    readonly profile: string | undefined;
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined;
    readonly dynamodbEndpoint: string | undefined;
    readonly sqsEndpoint: string | undefined;
    readonly snsEndpoint: string | undefined;
  };
  readonly failedOrdersTable: string | undefined;
  /** A queue URL, or a name to look up. */
  readonly orderQueue: string | undefined;
  readonly orderDlq: string | undefined;
  /** The SNS topic the failure alarm notifies (local only: endpoints.json's topics.alerts). */
  readonly alertsTopic: string | undefined;
}

/**
 * Local mode (the default) reads `<data dir>/endpoints.json`: `--endpoints FILE`, else
 * `--data-dir` / DOFS_DATA_DIR, else `.dofs/data` under the current directory. Remote mode
 * (`--api-url`, DOFS_API_URL, `--profile` or `--region`) reads flags and environment only, and
 * the AWS SDK's own chain supplies credentials. Flags win over the environment, which wins
 * over endpoints.json.
 */
export function resolveTarget(flags: GlobalFlags, io: Pick<Io, 'env' | 'cwd'>): Target {
  const env = io.env;
  const fromEnv = {
    apiUrl: env['DOFS_API_URL'],
    apiKey: env['DOFS_API_KEY'],
    failedOrdersTable: env['DOFS_FAILED_ORDERS_TABLE'],
    orderQueue: env['DOFS_ORDER_QUEUE'],
    orderDlq: env['DOFS_ORDER_DLQ'],
  };
  const remote =
    flags.endpoints === undefined &&
    (flags.apiUrl !== undefined || fromEnv.apiUrl !== undefined || flags.profile !== undefined || flags.region !== undefined);

  if (remote) {
    return {
      mode: 'remote',
      source: 'flags and environment',
      apiUrl: flags.apiUrl ?? fromEnv.apiUrl,
      apiKey: flags.apiKey ?? fromEnv.apiKey,
      aws: {
        region: flags.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'],
        profile: flags.profile,
        credentials: undefined,
        dynamodbEndpoint: undefined,
        sqsEndpoint: undefined,
        snsEndpoint: undefined,
      },
      failedOrdersTable: flags.failedOrdersTable ?? fromEnv.failedOrdersTable,
      orderQueue: flags.orderQueue ?? fromEnv.orderQueue,
      orderDlq: flags.orderDlq ?? fromEnv.orderDlq,
      alertsTopic: undefined,
    };
  }

  const file = flags.endpoints
    ? path.resolve(io.cwd, flags.endpoints)
    : path.resolve(io.cwd, flags.dataDir ?? env['DOFS_DATA_DIR'] ?? LOCAL_DEFAULTS.dataDir, ENDPOINTS_FILE);
  const local = readEndpoints(file);
  return {
    mode: 'local',
    source: file,
    apiUrl: local.api_url,
    apiKey: flags.apiKey ?? fromEnv.apiKey ?? local.api_key,
    aws: {
      region: local.region,
      profile: undefined,
      credentials: { accessKeyId: local.credentials.access_key_id, secretAccessKey: local.credentials.secret_access_key },
      dynamodbEndpoint: local.endpoints.dynamodb,
      // fauxqs's queue URLs name a host that does not resolve: every request goes to this endpoint
      sqsEndpoint: local.endpoints.sqs,
      snsEndpoint: local.endpoints.sns,
    },
    failedOrdersTable: flags.failedOrdersTable ?? fromEnv.failedOrdersTable ?? local.tables.failed_orders,
    orderQueue: flags.orderQueue ?? fromEnv.orderQueue ?? local.queues.order_queue,
    orderDlq: flags.orderDlq ?? fromEnv.orderDlq ?? local.queues.order_dlq,
    // an endpoints.json of an older runtime may lack topics
    alertsTopic: local.topics?.alerts,
  };
}

/** The local system's endpoints.json, or a configuration error saying how to get one. */
export function readEndpoints(file: string): LocalEndpoints {
  let endpoints: LocalEndpoints | undefined;
  try {
    endpoints = readEndpointsFile(file);
  } catch (error) {
    if (error instanceof EndpointsFileError) throw configError(error.message);
    throw error;
  }
  if (endpoints) return endpoints;
  throw configError(
    `No local DOFS system found: ${file} does not exist. Start one with \`npm start\`, point at its data ` +
      'directory with --data-dir or DOFS_DATA_DIR, or use a deployed API with --api-url.',
  );
}

/** The value or a message naming the flag and variable that supply it. */
export function required(value: string | undefined, what: string, flag: string, envName: string, target: Target): string {
  if (value) return value;
  throw configError(
    target.mode === 'remote'
      ? `${what} is needed: pass ${flag} or set ${envName}.`
      : `${what} is not in ${target.source}; pass ${flag} or set ${envName}.`,
  );
}
