import { createWriteStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import * as dynamodbApi from '@aws-sdk/client-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as snsApi from '@aws-sdk/client-sns';
import { SNSClient } from '@aws-sdk/client-sns';
import { RESOURCES, TABLES } from '@dofs/contracts';
import { startFailureAlarm } from './alarms/local-failure-alarm';
import { arns, clientConfig, CREDENTIALS, REGION } from './aws-identity';
import { prepareDataDir } from './data-dir';
import { ensureTables } from './dynamodb/create-tables';
import { startDynamoDb } from './dynamodb/dynamodb-service';
import { createEventSources } from './event-sources/local-event-sources';
import type { SqsEventSource } from './event-sources/sqs-event-source';
import { startApiGateway } from './gateway/api-gateway';
import { loadApiDefinition } from './gateway/openapi-routes';
import { loadManifests } from './lambda/function-manifest';
import { FunctionLogs } from './lambda/function-logs';
import type { LambdaFunction } from './lambda/lambda-function';
import { createFunctions, findBundles, LAMBDA_INIT_TIMEOUT_MS } from './lambda/local-functions';
import { placeholderResolver, type LocalCatalog } from './local-catalog';
import { localQueues } from './messaging/local-queues';
import { startMessaging } from './messaging/messaging-service';
import { restoreQueueSnapshot, saveQueueSnapshot } from './messaging/queue-snapshot';
import { requeuePendingOrders } from './messaging/requeue-pending-orders';
import { sdkServiceCall } from './service-call';
import type { Notice } from './notice';
import { startStepFunctions } from './stepfunctions/sfn-server';
import { loadStateMachines } from './stepfunctions/state-machine-catalog';
import { TaskDispatcher } from './stepfunctions/task-dispatcher';
import { workspacePaths } from './workspace';
import { removeEndpoints, writeEndpoints, type LocalEndpoints, type LocalSystemOptions } from '@dofs/local-client';

export type { Notice } from './notice';

export interface RuntimeOutput {
  /** progress and notices for a person; dropped when quiet */
  info(line: string): void;
  /** problems and alerts; always shown */
  error(line: string): void;
}

export interface Runtime {
  readonly endpoints: LocalEndpoints;
  readonly functions: ReadonlyMap<string, LambdaFunction>;
  readonly eventSources: ReadonlyMap<string, SqsEventSource>;
  /** how this run differs from its AWS configuration, printed at start */
  readonly notices: readonly Notice[];
  readonly restoredMessages: number;
  /** milliseconds each of the runtime's own threads has been busy; functions report theirs */
  threadBusyMs(): Record<string, number>;
  stop(): Promise<void>;
}

/** Internal services sit on the ports after the API's, or on ephemeral ports when it is 0. */
function servicePort(apiPort: number, offset: number): number {
  return apiPort === 0 ? 0 : apiPort + offset;
}

/**
 * Starts the whole pipeline in this process: DynamoDB, SQS/SNS, Step Functions, the functions,
 * the failure alarm, the event source mappings and, last, the API, so that the API answers only
 * when everything behind it is ready. What has started is stopped again, in reverse order, when
 * a later step fails, and by stop(): so the API stops first and the saved queues last.
 */
export async function startRuntime(options: LocalSystemOptions, out: RuntimeOutput): Promise<Runtime> {
  const paths = workspacePaths(undefined, options.bundlesDir);
  const stack: (() => Promise<void>)[] = [];
  const unwind = async (): Promise<void> => {
    for (const stop of stack.splice(0).reverse())
      await stop().catch((error: unknown) => out.error(`while stopping: ${(error as Error).message}`));
  };
  try {
    const manifests = await loadManifests(paths.appsDir);
    const modules = findBundles(manifests, paths.bundlesDir, paths.root);
    const dataDir = await prepareDataDir(options.dataDir);
    // removed last, once the queues are saved: a leftover endpoints.json tells the next start
    // that this run did not stop cleanly
    let endpointsWritten = false;
    stack.push(async () => {
      if (endpointsWritten) await removeEndpoints(dataDir.root);
    });
    const runtimeLog = createWriteStream(path.join(dataDir.logs, 'runtime.log'), { flags: 'a' });
    stack.push(() => new Promise<void>((resolve) => runtimeLog.end(resolve)));
    const note = (line: string): void => {
      out.info(line);
      runtimeLog.write(`${new Date().toISOString()} ${line}\n`);
    };
    const notices: Notice[] = [];

    const dynamo = await startDynamoDb(path.join(paths.runtimeDir, 'dynamodb-thread.mjs'), dataDir.dynamodb, servicePort(options.port, 1));
    stack.push(() => dynamo.stop());
    const dynamoClient = new DynamoDBClient(clientConfig(dynamo.endpoint));
    stack.push(async () => dynamoClient.destroy());
    await ensureTables(dynamoClient, Object.values(TABLES));

    const queues = localQueues(options);
    const visibilityTimeouts = new Map(queues.map((queue) => [queue.name, queue.visibilityTimeoutSeconds]));
    const topics = Object.values(RESOURCES.topics).map((topic) => topic.name);
    const messaging = await startMessaging(servicePort(options.port, 2), queues, topics);
    stack.push(() => messaging.stop());
    const restoredMessages = await restoreQueueSnapshot(messaging.sqsStore, dataDir.queueSnapshot);
    if (dataDir.uncleanStop) {
      const orderQueue = messaging.queueUrls[RESOURCES.queues.order_queue.name] ?? '';
      const { requeued, skipped } = await requeuePendingOrders(dynamoClient, messaging.sqs, TABLES.orders, orderQueue);
      if (requeued > 0)
        notices.push({ label: 'recovered', text: `the last run did not stop cleanly: ${requeued} PENDING order(s) queued again` });
      if (skipped.length > 0) out.error(`could not queue again PENDING order(s) ${skipped.join(', ')}: not a valid fulfillment message`);
    }
    stack.push(async () => {
      const saved = await saveQueueSnapshot(messaging.sqsStore, [...visibilityTimeouts.keys()], dataDir.queueSnapshot);
      if (saved > 0) note(`kept ${saved} queued message(s) for the next start`);
    });

    const stateMachineNames = (await readdir(paths.contractsDir))
      .filter((file) => file.endsWith('.asl.json'))
      .map((file) => file.slice(0, -'.asl.json'.length));
    const catalog: LocalCatalog = {
      functionArns: new Map(manifests.map((manifest) => [manifest.app, arns.function(manifest.app)])),
      queueUrls: messaging.queueUrls,
      topicArns: messaging.topicArns,
      stateMachineArns: Object.fromEntries(stateMachineNames.map((name) => [name, arns.stateMachine(name)])),
    };

    const sns = new SNSClient(clientConfig(messaging.endpoint));
    stack.push(async () => sns.destroy());

    // The functions need Step Functions' endpoint and Step Functions needs the functions: its
    // dispatcher finds them by name when a Task runs, after both exist.
    const functionsByName = new Map<string, LambdaFunction>();
    const dispatcher = new TaskDispatcher(
      async (name, payload, asynchronous) => {
        const fn = functionsByName.get(name);
        if (!fn) return undefined;
        if (!asynchronous) return fn.invoke(payload);
        void fn.invoke(payload);
        return { ok: true, payload: 'null' };
      },
      { dynamodb: sdkServiceCall(dynamoClient, dynamodbApi), sqs: messaging.sqs, sns: sdkServiceCall(sns, snsApi) },
    );
    const machines = await loadStateMachines(paths.contractsDir, placeholderResolver(catalog), dispatcher);
    const stepFunctions = await startStepFunctions(servicePort(options.port, 3), machines, note);
    stack.push(() => stepFunctions.stop());

    const logs = new FunctionLogs(dataDir.logs, options.quiet ? undefined : out.info);
    const { functions, notices: functionNotices } = createFunctions({
      manifests,
      modules,
      catalog,
      options,
      endpoints: { dynamodb: dynamo.endpoint, sqs: messaging.endpoint, sns: messaging.endpoint, stepfunctions: stepFunctions.endpoint },
      visibilityTimeouts,
      workerScript: path.join(paths.runtimeDir, 'lambda-worker.cjs'),
      logs,
      onColdStart: (name, initMs) => note(`cold start ${name}: init ${initMs.toFixed(0)} ms`),
    });
    for (const [name, fn] of functions) functionsByName.set(name, fn);
    notices.push(...functionNotices);
    stack.push(async () => {
      await Promise.all([...functions.values()].map((fn) => fn.stop(LAMBDA_INIT_TIMEOUT_MS)));
    });

    const alertsTopic = messaging.topicArns[RESOURCES.topics.alerts.name] ?? '';
    const alarm = startFailureAlarm({
      threshold: options.alertThreshold,
      periodSeconds: options.alertPeriodSeconds,
      sns,
      topicArn: alertsTopic,
      alert: out.error,
      note,
    });
    stack.push(async () => alarm.stop());
    logs.onMetric((_fn, document) => alarm.record(document));

    const { eventSources, notices: eventSourceNotices } = createEventSources({
      manifests,
      functions,
      queueUrls: messaging.queueUrls,
      visibilityTimeouts,
      lambdaConcurrency: options.lambdaConcurrency,
      sqs: messaging.sqs,
      onError: out.error,
    });
    notices.push(...eventSourceNotices);
    for (const source of eventSources.values()) source.start();
    stack.push(async () => {
      await Promise.all([...eventSources.values()].map((source) => source.stop()));
    });

    const api = await loadApiDefinition(path.join(paths.contractsDir, 'openapi.yaml'), placeholderResolver(catalog));
    const gateway = await startApiGateway(options.port, api, async (name, event) => functions.get(name)?.invoke(event));
    // the gateway stops first; then the executions it started finish before anything else stops
    stack.push(async () => {
      await gateway.stop();
      await stepFunctions.drain();
    });

    const endpoints: LocalEndpoints = {
      api_url: gateway.url,
      data_dir: dataDir.root,
      region: REGION,
      credentials: { access_key_id: CREDENTIALS.accessKeyId, secret_access_key: CREDENTIALS.secretAccessKey },
      endpoints: { dynamodb: dynamo.endpoint, sqs: messaging.endpoint, sns: messaging.endpoint, stepfunctions: stepFunctions.endpoint },
      tables: { orders: TABLES.orders.name, failed_orders: TABLES.failed_orders.name },
      queues: {
        order_queue: messaging.queueUrls[RESOURCES.queues.order_queue.name] ?? '',
        order_dlq: messaging.queueUrls[RESOURCES.queues.order_dlq.name] ?? '',
      },
      topics: { alerts: alertsTopic },
      state_machines: { 'order-workflow': catalog.stateMachineArns['order-workflow'] ?? '' },
      settings: {
        max_receive_count: options.maxReceiveCount,
        visibility_timeout_s: options.visibilityTimeoutSeconds,
        fulfillment_success_rate: options.successRate,
        fulfillment_seed: options.seed ?? null,
        dlq_alert_threshold: options.alertThreshold,
      },
      pid: process.pid,
      started_at: new Date().toISOString(),
    };
    await writeEndpoints(dataDir.root, endpoints);
    endpointsWritten = true;

    let stopping: Promise<void> | undefined;
    const threadBusyMs = (): Record<string, number> => ({
      main: performance.eventLoopUtilization().active,
      dynamodb: dynamo.busyMs(),
    });
    return { endpoints, functions, eventSources, notices, restoredMessages, threadBusyMs, stop: () => (stopping ??= unwind()) };
  } catch (error) {
    await unwind();
    throw error;
  }
}
