import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** Messages are hidden this long while an operator looks at them, then released at once. */
const HOLD_SECONDS = 60;

export type BrowseDecision = 'consumed' | 'kept';

/**
 * A dead-letter queue for operators (`dofs dlq list`, `dofs dlq redrive`): its messages looked at
 * without being consumed, and moved back to the queue they came from. The DLQ processor drains
 * the same queue; looking costs it no delay, as what is kept is released at once.
 */
export class SqsDeadLetterQueue {
  constructor(
    private readonly client: SQSClient,
    readonly url: string,
  ) {}

  /**
   * Receives up to `max` distinct messages, hiding each for HOLD_SECONDS so that none comes back
   * twice; `handle` says per message whether it was consumed (moved, so gone from here) or kept;
   * the kept ones are made visible again before this returns. Resolves with how many were seen.
   */
  async browse(max: number, handle: (message: Message) => Promise<BrowseDecision>): Promise<number> {
    const kept: Message[] = [];
    let received = 0;
    try {
      while (received < max) {
        const { Messages = [] } = await this.client.send(
          new ReceiveMessageCommand({
            QueueUrl: this.url,
            MaxNumberOfMessages: Math.min(10, max - received),
            VisibilityTimeout: HOLD_SECONDS,
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        );
        if (Messages.length === 0) break;
        for (const message of Messages) {
          received++;
          if ((await handle(message)) === 'kept') kept.push(message);
        }
      }
    } finally {
      await this.release(kept);
    }
    return received;
  }

  /**
   * Sends a message received by browse() to `queueUrl` unchanged, then deletes it here. Sent
   * before deleted: a crash in between leaves a duplicate, which the idempotent consumer absorbs,
   * never a lost message. One message at a time rather than SQS's StartMessageMoveTask, which
   * moves a whole DLQ at once and cannot pick messages by order: --order-id and --max need the
   * choice, and the local SQS (fauxqs) does not implement the task.
   */
  async moveTo(queueUrl: string, message: Message): Promise<void> {
    await this.client.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: message.Body, MessageAttributes: message.MessageAttributes }),
    );
    await this.client.send(new DeleteMessageCommand({ QueueUrl: this.url, ReceiptHandle: message.ReceiptHandle }));
  }

  private async release(messages: readonly Message[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 10) {
      const batch = messages.slice(i, i + 10);
      await this.client.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: this.url,
          Entries: batch.map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 })),
        }),
      );
    }
  }
}

/** A queue given by URL is used as is; a name is looked up. */
export async function queueUrlOf(client: SQSClient, urlOrName: string): Promise<string> {
  if (/^https?:\/\//.test(urlOrName)) return urlOrName;
  const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: urlOrName }));
  if (!QueueUrl) throw new Error(`SQS returned no URL for the queue ${urlOrName}`);
  return QueueUrl;
}
