import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { arns, clientConfig } from '../aws-identity';
import { LOOPBACK } from '../http/listen';
import type { ServiceCall } from '../service-call';
import { buildFauxqs, type FauxqsSqsStore } from './fauxqs-internals';
import { inProcessSqs } from './in-process-sqs';
import { StartupError } from '@dofs/local-client';

export interface QueueSpec {
  readonly name: string;
  readonly visibilityTimeoutSeconds: number;
  readonly messageRetentionSeconds?: number;
  /** redrive to this queue after maxReceiveCount receives */
  readonly deadLetter?: { readonly queue: string; readonly maxReceiveCount: number };
}

export interface MessagingService {
  /** one endpoint for SQS and SNS, as fauxqs serves both */
  readonly endpoint: string;
  readonly queueUrls: Readonly<Record<string, string>>;
  readonly topicArns: Readonly<Record<string, string>>;
  readonly sqsStore: FauxqsSqsStore;
  /** the SQS API in this process, for the runtime's own calls (see inProcessSqs) */
  readonly sqs: ServiceCall;
  stop(): Promise<void>;
}

/**
 * fauxqs on the loopback interface, with the queues and topics created through the SQS and SNS
 * APIs, as Terraform creates them: dead-letter queues first, then the queues that redrive to them.
 */
export async function startMessaging(port: number, queues: readonly QueueSpec[], topics: readonly string[]): Promise<MessagingService> {
  const { app, sqsStore } = await buildFauxqs();
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
  sns.destroy();
  return {
    endpoint,
    queueUrls,
    topicArns,
    sqsStore,
    sqs: inProcessSqs(app),
    stop: async () => {
      // ends pending long polls at once instead of after their 20 s
      sqsStore.shutdown();
      await app.close();
    },
  };
}
