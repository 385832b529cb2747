import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { SubscribeCommand, type SNSClient } from '@aws-sdk/client-sns';

/** SQS's longest long poll. */
const MAX_POLL_SECONDS = 20;
/** At most this many messages are taken in one call. */
const MAX_TAKEN = 100;

export interface QueueSubscription {
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly subscriptionArn: string;
}

/**
 * An SQS queue named `queueName`, subscribed to `topicArn`: how an operator (or a test) watches
 * a topic such as the alerts topic, as an e-mail subscription would. Idempotent: CreateQueue
 * returns the queue that exists, and Subscribe with the same protocol and endpoint returns the
 * subscription that exists. It sets no queue policy: on AWS the topic could not deliver to the
 * queue without one, which is why `dofs alerts` only targets the local system.
 */
export async function subscribeQueueToTopic(
  clients: { readonly sqs: SQSClient; readonly sns: SNSClient },
  topicArn: string,
  queueName: string,
): Promise<QueueSubscription> {
  const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: queueName }));
  if (!QueueUrl) throw new Error(`SQS returned no URL for the queue ${queueName}`);
  const { Attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  const queueArn = Attributes?.QueueArn;
  if (!queueArn) throw new Error(`SQS returned no ARN for the queue ${queueName}`);
  const { SubscriptionArn } = await clients.sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn }));
  return { queueUrl: QueueUrl, queueArn, subscriptionArn: SubscriptionArn ?? '' };
}

/**
 * Long-polls `queueUrl` until a message arrives or `waitMs` has passed (0: only what is waiting
 * now), then takes what else is waiting (up to MAX_TAKEN) without waiting again. Nothing is deleted: received
 * messages are hidden for `visibilitySeconds`, and the caller deletes each one it has handled.
 */
export async function receiveWaiting(sqs: SQSClient, queueUrl: string, waitMs: number, visibilitySeconds = 30): Promise<Message[]> {
  const deadline = Date.now() + waitMs;
  const received: Message[] = [];
  for (;;) {
    const left = received.length > 0 ? 0 : Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(10, MAX_TAKEN - received.length),
        WaitTimeSeconds: Math.min(MAX_POLL_SECONDS, left),
        VisibilityTimeout: visibilitySeconds,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    received.push(...Messages);
    if (received.length >= MAX_TAKEN) return received;
    if (Messages.length === 0 && (received.length > 0 || Date.now() >= deadline)) return received;
  }
}

export async function deleteReceived(sqs: SQSClient, queueUrl: string, message: Message): Promise<void> {
  await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
}
