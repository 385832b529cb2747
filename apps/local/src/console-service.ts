import path from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RESOURCES, TABLES } from '@dofs/contracts';
import { ALARM_NAME } from './alarms/alarms-service';
import type { DynamoDbService } from './dynamodb/dynamodb-service';
import type { ApiGatewayService } from './gateway/gateway-service';
import type { MessagingService } from './messaging/messaging-service';
import { servicePort, type RuntimeContext } from './runtime-context';
import type { StepFunctionsService } from './stepfunctions/stepfunctions-service';
import { ConsoleData } from './console/console-data';
import { startConsole, type ConsoleService } from './console/console-server';

const WORKFLOW = 'order-workflow';

export interface RuntimeConsoleSetup extends Pick<RuntimeContext, 'options' | 'paths'> {
  readonly gateway: Pick<ApiGatewayService, 'url'>;
  /** the `local` client's key, for the order detail (GET /order/{id}) */
  readonly apiKey: string;
  readonly dynamodb: Pick<DynamoDbService, 'client'>;
  readonly messaging: Pick<MessagingService, 'queueUrls' | 'sqs' | 'store'>;
  readonly stepFunctions: Pick<StepFunctionsService, 'machines'>;
  readonly functions: { readonly functions: ReadonlyMap<string, unknown> };
}

/**
 * The console wired to this runtime's services, on the port after the internal services'
 * (ephemeral with DOFS_PORT=0); undefined with DOFS_CONSOLE=0.
 */
export async function startRuntimeConsole(setup: RuntimeConsoleSetup): Promise<ConsoleService | undefined> {
  const { options, paths, gateway, dynamodb, messaging } = setup;
  if (!options.console) return undefined;
  const queueUrl = (name: string): string => messaging.queueUrls[name] ?? '';
  const deadLetterQueues = Object.values(RESOURCES.queues)
    .map((queue) => ('dead_letter_queue' in queue ? queue.dead_letter_queue : undefined))
    .filter((name): name is string => name !== undefined);
  const data = new ConsoleData({
    apiUrl: gateway.url,
    apiKey: setup.apiKey,
    dynamo: DynamoDBDocumentClient.from(dynamodb.client),
    ordersTable: TABLES.orders.name,
    failedOrdersTable: TABLES.failed_orders.name,
    sqs: messaging.sqs,
    queueStore: messaging.store,
    queues: Object.values(RESOURCES.queues).map((queue) => ({
      name: queue.name,
      url: queueUrl(queue.name),
      deadLetter: deadLetterQueues.includes(queue.name),
    })),
    orderQueueUrl: queueUrl(RESOURCES.queues.order_queue.name),
    dlqUrl: queueUrl(RESOURCES.queues.order_dlq.name),
  });
  const machines = setup.stepFunctions.machines;
  const machine = machines.find((candidate) => candidate.name === WORKFLOW) ?? machines[0];
  return startConsole({
    port: servicePort(options, 'console'),
    tickMs: options.consoleTickMs,
    staticDir: path.join(paths.root, 'dist/apps/console'),
    apiUrl: gateway.url,
    apiKey: setup.apiKey,
    data,
    functionNames: [...setup.functions.functions.keys()],
    deadLetterQueues,
    workflow: { name: machine?.name ?? WORKFLOW, definitionText: machine?.definitionText ?? '{"States":{}}' },
    alarm: { name: ALARM_NAME, threshold: options.alertThreshold, periodSeconds: options.alertPeriodSeconds },
    settings: {
      fulfillment_success_rate: options.successRate,
      max_receive_count: options.maxReceiveCount,
      visibility_timeout_s: options.visibilityTimeoutSeconds,
    },
  });
}
