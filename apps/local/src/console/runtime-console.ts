import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RESOURCES, TABLES } from '@dofs/contracts';
import { ALARM_NAME } from '../alarms/local-failure-alarm';
import type { ApiGatewayService } from '../gateway/api-gateway';
import type { MessagingService } from '../messaging/messaging-service';
import type { LocalSystemOptions } from '../settings';
import type { LocalStateMachine } from '../stepfunctions/state-machine-catalog';
import type { WorkspacePaths } from '../workspace';
import { ConsoleData } from './console-data';
import { startConsole, type ConsoleService } from './console-server';

const WORKFLOW = 'order-workflow';

/** The console wired to this runtime's services: what runtime.ts starts, in one call. */
export async function startRuntimeConsole(
  options: LocalSystemOptions,
  port: number,
  services: {
    readonly paths: WorkspacePaths;
    readonly gateway: ApiGatewayService;
    readonly dynamoClient: DynamoDBClient;
    readonly messaging: MessagingService;
    readonly machines: readonly LocalStateMachine[];
    readonly functionNames: readonly string[];
  },
): Promise<ConsoleService> {
  const { paths, gateway, dynamoClient, messaging, machines } = services;
  const queueUrl = (name: string): string => messaging.queueUrls[name] ?? '';
  const deadLetterQueues = Object.values(RESOURCES.queues)
    .map((queue) => ('dead_letter_queue' in queue ? queue.dead_letter_queue : undefined))
    .filter((name): name is string => name !== undefined);
  const data = new ConsoleData({
    apiUrl: gateway.url,
    dynamo: DynamoDBDocumentClient.from(dynamoClient),
    ordersTable: TABLES.orders.name,
    failedOrdersTable: TABLES.failed_orders.name,
    sqs: messaging.sqs,
    sqsStore: messaging.sqsStore,
    queues: Object.values(RESOURCES.queues).map((queue) => ({
      name: queue.name,
      url: queueUrl(queue.name),
      deadLetter: deadLetterQueues.includes(queue.name),
    })),
    orderQueueUrl: queueUrl(RESOURCES.queues.order_queue.name),
    dlqUrl: queueUrl(RESOURCES.queues.order_dlq.name),
  });
  const machine = machines.find((candidate) => candidate.name === WORKFLOW) ?? machines[0];
  return startConsole({
    port,
    staticDir: path.join(paths.root, 'dist/apps/console'),
    apiUrl: gateway.url,
    data,
    functionNames: services.functionNames,
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
