import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { RESOURCES } from '@dofs/contracts';
import { arns, clientConfig } from '../aws-identity';
import { servicePort, type RuntimeContext } from '../runtime-context';
import { localQueues } from './local-queues';
import { LOOPBACK } from '../http/listen';
import type { ServiceCall } from '../service-call';
import { buildFauxqsApp, type QueueStore } from './fauxqs-store';
import { inProcessSqs } from './in-process-sqs';
import { StartupError } from '../startup-error';

export interface QueueSpec {
  readonly name: string;
  readonly visibilityTimeoutSeconds: number;
  readonly messageRetentionSeconds?: number;
  /** redrive to this queue after maxReceiveCount receives */
  readonly deadLetter?: { readonly queue: string; readonly maxReceiveCount: number };
}

export interface MessagingService extends AsyncDisposable {
  /** one endpoint for SQS and SNS, as fauxqs serves both */
  readonly endpoint: string;
  readonly queueUrls: Readonly<Record<string, string>>;
  readonly topicArns: Readonly<Record<string, string>>;
  /** each queue's visibility timeout in seconds, by queue name */
  readonly visibilityTimeouts: ReadonlyMap<string, number>;
  /** the messages themselves, beyond the SQS API (see fauxqs-store.ts) */
  readonly store: QueueStore;
  /** the SQS API in this process, for the runtime's own calls (see inProcessSqs) */
  readonly sqs: ServiceCall;
  /** the runtime's own SNS client (alarm notifications, the workflow's sns:* integrations) */
  readonly sns: SNSClient;
}

/**
 * fauxqs on the loopback interface, with the queues and topics created through the SQS and SNS
 * APIs, as Terraform creates them: dead-letter queues first, then the queues that redrive to them.
 */
export async function startMessaging({ options }: Pick<RuntimeContext, 'options'>): Promise<MessagingService> {
  const port = servicePort(options, 'messaging');
  const queues = localQueues(options);
  const topics = Object.values(RESOURCES.topics).map((topic) => topic.name);
  const { app, store } = await buildFauxqsApp();
  let address: string;
  try {
    address = await app.listen({ port, host: LOOPBACK });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartupError(
        `Port ${port} (SQS and SNS, fauxqs) is already in use on ${LOOPBACK}. Set DOFS_PORT to another port; the internal services use the ports after it.`,
        { cause: error },
      );
    }
    throw error;
  }
  const endpoint = `http://${LOOPBACK}:${new URL(address).port}`;
  const sqs = new SQSClient(clientConfig(endpoint));
  const sns = new SNSClient(clientConfig(endpoint));
  const queueUrls: Record<string, string> = {};
  const ordered = [...queues].sort((a, b) => Number(Boolean(a.deadLetter)) - Number(Boolean(b.deadLetter)));
  for (const queue of ordered) {
    const attributes: Record<string, string> = { VisibilityTimeout: String(queue.visibilityTimeoutSeconds) };
    if (queue.messageRetentionSeconds) attributes['MessageRetentionPeriod'] = String(queue.messageRetentionSeconds);
    if (queue.deadLetter) {
      attributes['RedrivePolicy'] = JSON.stringify({
        deadLetterTargetArn: arns.queue(queue.deadLetter.queue),
        maxReceiveCount: queue.deadLetter.maxReceiveCount,
      });
    }
    const created = await sqs.send(new CreateQueueCommand({ QueueName: queue.name, Attributes: attributes }));
    queueUrls[queue.name] = created.QueueUrl ?? '';
  }
  const topicArns: Record<string, string> = {};
  for (const topic of topics) {
    topicArns[topic] = (await sns.send(new CreateTopicCommand({ Name: topic }))).TopicArn ?? '';
  }
  sqs.destroy();
  return {
    endpoint,
    queueUrls,
    topicArns,
    visibilityTimeouts: new Map(queues.map((queue) => [queue.name, queue.visibilityTimeoutSeconds])),
    store,
    sqs: inProcessSqs(app),
    sns,
    [Symbol.asyncDispose]: async () => {
      sns.destroy();
      store.shutdown();
      await app.close();
    },
  };
}
