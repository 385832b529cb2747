import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, SendMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { getOrder, postOrder } from '../../support/api';
import { validOrder } from '../../support/orders';
import { waitFor } from '../../support/wait-for';
import type { Json } from '../support/compare';
import { plain } from '../support/observe';
import type { ParityContext } from '../support/parity-system';
import type { Scenario } from '../support/scenario';

const LS_DLQ = 'LocalStack tests/aws/services/sqs/test_sqs.py::TestSqsProvider::test_dead_letter_queue_message_attributes, recorded 30-04-2024';
const TRACE_HEADER = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
const MY_ATTRIBUTE = { MyAttribute: { StringValue: 'foobar', DataType: 'String' } };

interface Redriven {
  readonly sourceArn: string;
  readonly sent: string;
  /** ApproximateReceiveCount of each delivery from the source queue */
  readonly deliveries: string[];
  readonly dlqMessage: Message | undefined;
}

/**
 * The recorded procedure: a queue with a DLQ and `maxReceiveCount`, one message, receives with
 * VisibilityTimeout 0 until it has been offered `receives` times, then the DLQ's first receive.
 */
async function redrive(context: ParityContext, maxReceiveCount: number, receives: number, withAttributes: boolean): Promise<Redriven> {
  const dlq = await context.createQueue('dlq');
  const RedrivePolicy = JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount });
  const source = await context.createQueue('dlq-source', { RedrivePolicy });
  const { MessageId = '' } = await context.sqs.send(
    new SendMessageCommand({
      QueueUrl: source.url,
      MessageBody: withAttributes ? 'message-1' : 'message-2',
      ...(withAttributes && {
        MessageAttributes: MY_ATTRIBUTE,
        MessageSystemAttributes: { AWSTraceHeader: { StringValue: TRACE_HEADER, DataType: 'String' } },
      }),
    }),
  );
  const deliveries: string[] = [];
  for (let i = 0; i < receives; i++) {
    const { Messages = [] } = await context.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: source.url, VisibilityTimeout: 0, AttributeNames: ['All'], MessageAttributeNames: ['All'] }),
    );
    for (const message of Messages) deliveries.push(message.Attributes?.ApproximateReceiveCount ?? '?');
  }
  const dlqMessage = await waitFor('the message in the DLQ', async () => {
    const { Messages = [] } = await context.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlq.url, WaitTimeSeconds: 1, AttributeNames: ['All'], MessageAttributeNames: ['All'] }),
    );
    return Messages[0];
  }, 5_000).catch(() => undefined);
  return { sourceArn: source.arn, sent: MessageId, deliveries, dlqMessage };
}

/** The DLQ message as recorded: SenderId left out (as the recording did), the source ARN named. */
function dlqView(redriven: Redriven): Json {
  const message = redriven.dlqMessage;
  if (!message) return 'no message in the DLQ';
  const { SenderId: _sender, ...attributes } = message.Attributes ?? {};
  if (attributes['DeadLetterQueueSourceArn'] === redriven.sourceArn) attributes['DeadLetterQueueSourceArn'] = '<source-arn>';
  return plain({ ...message, MessageId: message.MessageId === redriven.sent ? '<same-id>' : message.MessageId, Attributes: attributes });
}

/** The order's status and attempts once it is no longer PENDING (or as it is after 10 s). */
async function terminal(context: ParityContext, orderId: string): Promise<Json> {
  const read = async (): Promise<{ status?: string; attempts?: number }> => (await getOrder(context.system, orderId)).body ?? {};
  const done = await waitFor(`order ${orderId} terminal`, async () => {
    const order = await read();
    return order.status && order.status !== 'PENDING' ? order : undefined;
  }, 10_000).catch(read);
  return { status: done.status ?? null, attempts: done.attempts ?? null };
}

export const sqsRedriveScenarios: readonly Scenario[] = [
  {
    id: 'sqs.Redrive.exactly-max-receive-count',
    service: 'sqs',
    operation: 'Redrive (RedrivePolicy)',
    name: 'with maxReceiveCount 1 a message is delivered once from its queue, then only from the DLQ',
    source: `${LS_DLQ} (rec-pre-dlq: one delivery each, ApproximateReceiveCount 1)`,
    expected: { deliveries: ['1'], inDlq: true },
    async run(context) {
      const redriven = await redrive(context, 1, 4, false);
      return { deliveries: redriven.deliveries, inDlq: redriven.dlqMessage !== undefined };
    },
  },
  {
    id: 'sqs.Redrive.max-receive-count-2',
    service: 'sqs',
    operation: 'Redrive (RedrivePolicy)',
    name: 'with maxReceiveCount 2 (DOFS counts attempts by it) a message is delivered exactly twice before the DLQ',
    source:
      'not recorded for maxReceiveCount 2; AWS documentation: "When the ReceiveCount for a message exceeds the maxReceiveCount for a queue, Amazon SQS moves the message to the dead-letter queue" (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html)',
    expected: { deliveries: ['1', '2'], inDlq: true },
    async run(context) {
      const redriven = await redrive(context, 2, 5, false);
      return { deliveries: redriven.deliveries, inDlq: redriven.dlqMessage !== undefined };
    },
  },
  {
    id: 'sqs.Redrive.dlq-first-receive',
    service: 'sqs',
    operation: 'Redrive (RedrivePolicy)',
    name: "the DLQ's first receive: same MessageId, ApproximateReceiveCount 2 (maxReceiveCount 1), DeadLetterQueueSourceArn",
    source: `${LS_DLQ} (dlq-messages, message-2)`,
    expected: {
      MessageId: '<same-id>',
      ReceiptHandle: '<id>',
      MD5OfBody: '95ef155b66299d14edf7ed57c468c13b',
      Body: 'message-2',
      Attributes: {
        ApproximateFirstReceiveTimestamp: '<timestamp>',
        ApproximateReceiveCount: '2',
        SentTimestamp: '<timestamp>',
        DeadLetterQueueSourceArn: '<source-arn>',
      },
    },
    run: async (context) => dlqView(await redrive(context, 1, 2, false)),
  },
  {
    id: 'sqs.Redrive.dlq-keeps-attributes',
    service: 'sqs',
    operation: 'Redrive (RedrivePolicy)',
    name: 'a dead letter keeps its message attributes and AWSTraceHeader',
    source: `${LS_DLQ} (dlq-messages, message-1)`,
    expected: {
      MessageId: '<same-id>',
      ReceiptHandle: '<id>',
      MD5OfBody: '3d6b824fd8c1520e9a047d21fee6fb1f',
      Body: 'message-1',
      Attributes: {
        ApproximateFirstReceiveTimestamp: '<timestamp>',
        ApproximateReceiveCount: '2',
        SentTimestamp: '<timestamp>',
        AWSTraceHeader: TRACE_HEADER,
        DeadLetterQueueSourceArn: '<source-arn>',
      },
      MD5OfMessageAttributes: 'adb59cd4678ea5a855436b949cd07ab6',
      MessageAttributes: MY_ATTRIBUTE,
    },
    run: async (context) => dlqView(await redrive(context, 1, 2, true)),
  },
  {
    id: 'lambda.EventSourceMapping.report-batch-item-failures',
    service: 'lambda',
    operation: 'SQS event source mapping (ReportBatchItemFailures)',
    name: "a poison message in a batch is retried alone until its redrive; its neighbours are processed once",
    source:
      'not recorded in the references (LocalStack\'s ESM snapshots record a Python function); AWS documentation "Handling errors for an SQS event source in Lambda", partial batch responses (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html)',
    expected: { neighbours: [{ status: 'FULFILLED', attempts: 1 }, { status: 'FULFILLED', attempts: 1 }], poisonParked: true },
    async run(context) {
      const { system, endpoints } = context;
      await system.setEventSourceEnabled('fulfill-order', false);
      const ids: string[] = [];
      try {
        for (let i = 0; i < 2; i++) ids.push((await postOrder(system, validOrder({ customer_id: context.unique('neighbour') }))).body.order_id);
        const poison = await context.sqs.send(new SendMessageCommand({ QueueUrl: endpoints.queues.order_queue, MessageBody: 'not a fulfillment message' }));
        await system.setEventSourceEnabled('fulfill-order', true);
        const key = { order_id: { S: `invalid-message:${poison.MessageId}` } };
        const parked = await waitFor('the poison message in failed_orders', async () =>
          (await context.dynamodb.send(new GetItemCommand({ TableName: endpoints.tables.failed_orders, Key: key }))).Item,
        30_000).catch(() => undefined);
        const neighbours = await Promise.all(ids.map((id) => terminal(context, id)));
        return { neighbours, poisonParked: parked !== undefined };
      } finally {
        await system.setEventSourceEnabled('fulfill-order', true);
      }
    },
  },
];
