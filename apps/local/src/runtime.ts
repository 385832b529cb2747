import { RESOURCES, TABLES } from '@dofs/contracts';
import type { LocalEndpoints, LocalSystemOptions } from '@dofs/local-client';
import { startFailureAlarm } from './alarms/alarms-service';
import { CREDENTIALS, REGION } from './aws-identity';
import { startRuntimeConsole } from './console-service';
import { endpointsFile, prepareDataDir } from './data-dir';
import { startDynamoDb } from './dynamodb/dynamodb-service';
import { startEventSources } from './event-sources/event-sources-service';
import type { SqsEventSource } from './event-sources/sqs-event-source';
import { startApiGateway } from './gateway/gateway-service';
import { loadApiKeyGate, type LocalApiKeys } from './gateway/api-key-gate';
import { loadManifests } from './function-manifest';
import type { LambdaFunction } from './lambda/lambda-function';
import { findBundles, startFunctions } from './lambda/lambda-service';
import { localCatalog, type LocalCatalog } from './local-catalog';
import { loadLocalSecrets } from './local-secrets';
import { startMessaging, type MessagingService } from './messaging/messaging-service';
import { keepQueues } from './messaging/queue-keeper';
import type { Notice } from './notice';
import type { RuntimeContext } from './runtime-context';
import { openRuntimeLog, type RuntimeOutput } from './runtime-log';
import { ServiceStack } from './service-stack';
import { startStepFunctions } from './stepfunctions/stepfunctions-service';
import { workspacePaths } from './workspace';
import { functionEndpoints } from './faults/fault-endpoints';
import { FaultInjector } from './faults/fault-injector';

export type { Notice } from './notice';
export type { RuntimeOutput } from './runtime-log';

export interface Runtime extends AsyncDisposable {
  readonly endpoints: LocalEndpoints;
  readonly functions: ReadonlyMap<string, LambdaFunction>;
  readonly eventSources: ReadonlyMap<string, SqsEventSource>;
  /** how this run differs from its AWS configuration, printed at start */
  readonly notices: readonly Notice[];
  readonly restoredMessages: number;
  /** the DOFS_FAULTS plan and the faults it has injected, by kind */
  readonly faults: FaultInjector;
  /** milliseconds each of the runtime's own threads has been busy; functions report theirs */
  threadBusyMs(): Record<string, number>;
  /** Stops every service in reverse order of start (the same as disposing); once. */
  stop(): Promise<void>;
}

/**
 * Starts the whole pipeline in this process, one service after the other, each on the one stack:
 * DynamoDB, SQS/SNS, Step Functions, the functions, the failure alarm, the event source mappings,
 * the API, so that the API answers only when everything behind it is ready, and the console. The
 * stack stops them in reverse order: what has started when a later step fails, and everything on
 * stop() (the console and the API first; the queue journal, endpoints.json and the data dir's lock
 * last). A new service is one line here.
 */
export async function startRuntime(options: LocalSystemOptions, out: RuntimeOutput): Promise<Runtime> {
  await using stack = new ServiceStack(out.error);
  const paths = workspacePaths(undefined, options.bundlesDir);
  const manifests = await loadManifests(paths.appsDir);
  const modules = findBundles(manifests, paths.bundlesDir, paths.root);
  const dataDir = stack.use(await prepareDataDir(options.dataDir));
  const published = stack.use(endpointsFile(dataDir));
  const { note } = stack.use(openRuntimeLog(dataDir.logs, out));
  const context: RuntimeContext = { options, paths, dataDir, manifests, out, note };
  const faults = FaultInjector.from(options);

  const dynamodb = stack.use(await startDynamoDb(context));
  const messaging = stack.use(await startMessaging(context));
  const queues = stack.use(await keepQueues({ ...context, messaging }));
  const catalog = await localCatalog(paths.contractsDir, manifests, messaging, await loadLocalSecrets(dataDir.root));
  // its Tasks run only once the API answers, when `functions` below exists
  const findFunction = (name: string): LambdaFunction | undefined => functions.functions.get(name);
  const stepFunctions = stack.use(await startStepFunctions({ ...context, catalog, findFunction, dynamodb, messaging, faults }));
  const aws = { dynamodb: dynamodb.endpoint, sqs: messaging.endpoint, sns: messaging.endpoint, stepfunctions: stepFunctions.endpoint };
  // with a fault plan the functions reach DynamoDB and SQS through proxies that inject faults
  const functionAws = stack.use(await functionEndpoints(aws, faults));
  const functions = stack.use(startFunctions({ ...context, modules, catalog, endpoints: functionAws.endpoints, messaging, faults }));
  stack.use(startFailureAlarm({ ...context, functions, messaging }));
  const mappings = stack.use(startEventSources({ ...context, functions, messaging }));
  // the API stops first; then the executions it started finish before anything else stops
  stack.defer(() => stepFunctions.drain());
  const apiKeys = await loadApiKeyGate(context);
  const gateway = stack.use(await startApiGateway({ ...context, catalog, functions, gate: apiKeys.gate }));
  const webConsole = stack.use(await startRuntimeConsole({ ...context, gateway, apiKey: apiKeys.localKey, dynamodb, messaging, stepFunctions, functions }));

  const endpoints = describeEndpoints({ options, apiUrl: gateway.url, apiKeys, consoleUrl: webConsole?.url, dataDir: dataDir.root, aws, messaging, catalog });
  await published.write(endpoints);
  const stop = once(stack.move());
  return {
    endpoints,
    functions: functions.functions,
    eventSources: mappings.eventSources,
    notices: [...functions.notices, ...mappings.notices, ...queues.notices],
    restoredMessages: queues.restored,
    faults,
    threadBusyMs: () => ({ main: performance.eventLoopUtilization().active, dynamodb: dynamodb.busyMs() }),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/** Disposes the stack on the first call; later calls wait for the same stop. */
function once(stack: AsyncDisposableStack): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => (stopping ??= stack.disposeAsync());
}

/** What <data dir>/endpoints.json says about this run (see LocalEndpoints in @dofs/local-client). */
function describeEndpoints(run: {
  readonly options: LocalSystemOptions;
  readonly apiUrl: string;
  readonly apiKeys: LocalApiKeys;
  readonly consoleUrl: string | undefined;
  readonly dataDir: string;
  readonly aws: LocalEndpoints['endpoints'];
  readonly messaging: Pick<MessagingService, 'queueUrls' | 'topicArns'>;
  readonly catalog: LocalCatalog;
}): LocalEndpoints {
  const { options } = run;
  const plan = run.apiKeys.usagePlan;
  return {
    api_url: run.apiUrl,
    api_key: run.apiKeys.localKey,
    ...(run.consoleUrl !== undefined && { console_url: run.consoleUrl }),
    data_dir: run.dataDir,
    region: REGION,
    credentials: { access_key_id: CREDENTIALS.accessKeyId, secret_access_key: CREDENTIALS.secretAccessKey },
    endpoints: run.aws,
    tables: { orders: TABLES.orders.name, failed_orders: TABLES.failed_orders.name },
    queues: {
      order_queue: run.messaging.queueUrls[RESOURCES.queues.order_queue.name] ?? '',
      order_dlq: run.messaging.queueUrls[RESOURCES.queues.order_dlq.name] ?? '',
    },
    topics: { alerts: run.messaging.topicArns[RESOURCES.topics.alerts.name] ?? '' },
    state_machines: { 'order-workflow': run.catalog.stateMachineArns['order-workflow'] ?? '' },
    settings: {
      max_receive_count: options.maxReceiveCount,
      visibility_timeout_s: options.visibilityTimeoutSeconds,
      fulfillment_success_rate: options.successRate,
      fulfillment_seed: options.seed ?? null,
      dlq_alert_threshold: options.alertThreshold,
      usage_plan: { rate_limit: plan.rateLimit, burst_limit: plan.burstLimit, daily_quota: plan.dailyQuota },
      faults: { plan: options.faults, seed: options.faultsSeed },
    },
    pid: process.pid,
    started_at: new Date().toISOString(),
  };
}
