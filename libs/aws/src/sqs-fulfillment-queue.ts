import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FulfillmentMessage } from '@dofs/contracts';
import type { FulfillmentQueue } from '@dofs/domain';
import { callDependency } from './transient';

/** order_queue, for operators' replays; the workflow sends through Step Functions' SQS integration. */
export class SqsFulfillmentQueue implements FulfillmentQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(message: FulfillmentMessage): Promise<string> {
    const { MessageId } = await callDependency('order queue', () =>
      this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(message) })),
    );
    if (!MessageId) throw new Error('SQS accepted the message but returned no MessageId');
    return MessageId;
  }
}
