import { setTimeout as sleep } from 'node:timers/promises';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type Message,
  type QueueAttributeName,
  type ReceiveMessageCommandInput,
} from '@aws-sdk/client-sqs';
import type { Json } from '../support/compare';
import { plain, sdkError } from '../support/observe';
import type { ParityContext } from '../support/parity-system';
import type { Scenario } from '../support/scenario';

const LS = 'LocalStack tests/aws/services/sqs/test_sqs.py::TestSqsProvider';
const MD5_OF_MSG = '6e2baaf3b97dbeef01c0043275f9a0e7';
const THREE_ATTRIBUTES = {
  'Help.Me': { DataType: 'String', StringValue: 'Me' },
  Hello: { DataType: 'String', StringValue: 'There' },
  General: { DataType: 'String', StringValue: 'Kenobi' },
};

/** A message as recorded: ids normalised, message attributes only when asked for. */
const recorded = (extra: Record<string, Json> = {}): Json => ({ Body: 'msg', MD5OfBody: MD5_OF_MSG, MessageId: '<id>', ReceiptHandle: '<id>', ...extra });

async function receiveFirst(context: ParityContext, input: ReceiveMessageCommandInput): Promise<Json> {
  const { Messages = [] } = await context.sqs.send(new ReceiveMessageCommand({ WaitTimeSeconds: 1, ...input }));
  return Messages.length === 0 ? 'no message' : plain(Messages[0] as Message & { $metadata?: unknown });
}

function attributeFilter(label: string, names: string[], attributes: Record<string, Json> | undefined, md5?: string): Scenario {
  return {
    id: `sqs.ReceiveMessage.message-attribute-names-${label}`,
    service: 'sqs',
    operation: 'ReceiveMessage',
    name: `MessageAttributeNames ${JSON.stringify(names)} returns ${attributes ? Object.keys(attributes).join(', ') : 'no message attributes'}`,
    source: `${LS}::test_receive_message_message_attribute_names_filters[sqs], recorded 30-04-2024 (test_sqs.snapshot.json)`,
    expected: recorded(attributes ? { MD5OfMessageAttributes: md5 ?? '', MessageAttributes: attributes } : {}),
    async run(context) {
      const { url } = await context.createQueue('rm-filter', { VisibilityTimeout: '0' });
      await context.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'msg', MessageAttributes: THREE_ATTRIBUTES }));
      return receiveFirst(context, { QueueUrl: url, MessageAttributeNames: names });
    },
  };
}

const FOO_BAR = { Foo: { DataType: 'String', StringValue: 'Bar' } };
const ALL_SYSTEM = { ApproximateFirstReceiveTimestamp: '<timestamp>', ApproximateReceiveCount: '1', SenderId: '<id>', SentTimestamp: '<timestamp>' };

function systemAttributeFilter(label: string, input: Partial<ReceiveMessageCommandInput>, attributes: Record<string, Json>, test: string): Scenario {
  return {
    id: `sqs.ReceiveMessage.${label}`,
    service: 'sqs',
    operation: 'ReceiveMessage',
    name: `${JSON.stringify(input)} returns the attributes ${Object.keys(attributes).join(', ')} and no message attributes`,
    source: `${LS}::${test}[sqs], recorded 04-06-2024 (test_sqs.snapshot.json)`,
    expected: recorded({ Attributes: attributes }),
    async run(context) {
      const { url } = await context.createQueue('rm-sys', { VisibilityTimeout: '0' });
      await context.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'msg', MessageAttributes: FOO_BAR }));
      return receiveFirst(context, { QueueUrl: url, ...input });
    },
  };
}

const hello = { Hello: THREE_ATTRIBUTES.Hello };

/** AttributeNames as SQS takes them: the SDK types the (deprecated) member as queue attribute names only. */
const asked = (...names: string[]): QueueAttributeName[] => names as QueueAttributeName[];

export const sqsMessageScenarios: readonly Scenario[] = [
  {
    id: 'sqs.SendMessage.md5-of-body-and-attributes',
    service: 'sqs',
    operation: 'SendMessage',
    name: 'answers the MD5 of the body and of the message attributes',
    source: `${LS}::test_receive_message_message_attribute_names_filters[sqs] (send_message_response), recorded 30-04-2024`,
    expected: { MD5OfMessageAttributes: '4c360f3fdafd970e05fae2f149d997f5', MD5OfMessageBody: MD5_OF_MSG, MessageId: '<id>' },
    async run(context) {
      const { url } = await context.createQueue('sm-md5');
      return plain(await context.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'msg', MessageAttributes: THREE_ATTRIBUTES })));
    },
  },
  {
    id: 'sqs.SendMessageBatch.success',
    service: 'sqs',
    operation: 'SendMessageBatch',
    name: 'a batch that all succeeds: Successful entries with their MD5s, no Failed list; the queue\'s MaximumMessageSize does not apply to a batch',
    source: `${LS}::test_send_message_batch_with_oversized_contents_with_updated_maximum_message_size[sqs], recorded 30-04-2024`,
    expected: {
      Successful: [
        { Id: '1', MD5OfMessageAttributes: 'a45daa70926828a2f0a1db3418e6feb4', MD5OfMessageBody: 'f44facf5a7ee0af446ecf3e0f854441e', MessageId: '<id>' },
        { Id: '2', MD5OfMessageBody: '0cc175b9c0f1b6a831c399e269772661', MessageId: '<id>' },
      ],
    },
    async run(context) {
      const { url } = await context.createQueue('smb-ok', { MaximumMessageSize: '2048' });
      const MessageAttributes = { k: { DataType: 'String', StringValue: 'x' } };
      const first = { Id: '1', MessageBody: 'a'.repeat(2048 - 'k'.length - 'String'.length - 'x'.length), MessageAttributes };
      return plain(await context.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [first, { Id: '2', MessageBody: 'a' }] })));
    },
  },
  {
    id: 'sqs.ReceiveMessage.empty-queue',
    service: 'sqs',
    operation: 'ReceiveMessage',
    name: 'an empty queue answers no Messages member at all, short or long polling',
    source: `${LS}::test_receive_empty_queue[sqs], recorded 10-02-2025`,
    expected: { short: {}, long: {} },
    async run(context) {
      const { url } = await context.createQueue('rm-empty');
      const short = plain(await context.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1 })));
      const long = plain(await context.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 })));
      return { short, long };
    },
  },
  attributeFilter('none-asked', [], undefined),
  attributeFilter('All', ['All'], THREE_ATTRIBUTES, '4c360f3fdafd970e05fae2f149d997f5'),
  attributeFilter('dot-star', ['.*'], THREE_ATTRIBUTES, '4c360f3fdafd970e05fae2f149d997f5'),
  attributeFilter('only-unknown-names', ['Foo', 'Help'], undefined),
  attributeFilter('two-existing', ['Hello', 'General'], { General: THREE_ATTRIBUTES.General, ...hello }, 'fca026605781cb4126a1e9044df24232'),
  attributeFilter('existing-and-unknown', ['Foo', 'Hello'], hello, 'a311262e065454b75da111d535b8dacd'),
  attributeFilter('prefix', ['Hel.*'], { ...hello, 'Help.Me': THREE_ATTRIBUTES['Help.Me'] }, '83fee93c1bcd8b9a5a923ffacdc636c7'),
  systemAttributeFilter('attribute-names-All', { AttributeNames: ['All'] }, ALL_SYSTEM, 'test_receive_message_attribute_names_filters'),
  systemAttributeFilter('attribute-names-SenderId', { AttributeNames: asked('SenderId') }, { SenderId: '<id>' }, 'test_receive_message_attribute_names_filters'),
  systemAttributeFilter(
    'attribute-names-SenderId-SequenceNumber',
    { AttributeNames: asked('SenderId', 'SequenceNumber') },
    { SenderId: '<id>' },
    'test_receive_message_attribute_names_filters',
  ),
  systemAttributeFilter(
    'system-attribute-names-All',
    { MessageSystemAttributeNames: ['All'] },
    ALL_SYSTEM,
    'test_receive_message_message_system_attribute_names_filters',
  ),
  systemAttributeFilter(
    'system-attribute-names-SenderId',
    { MessageSystemAttributeNames: ['SenderId'] },
    { SenderId: '<id>' },
    'test_receive_message_message_system_attribute_names_filters',
  ),
  {
    id: 'sqs.ChangeMessageVisibility.after-visibility-timeout',
    service: 'sqs',
    operation: 'ChangeMessageVisibility',
    name: 'a handle whose visibility timeout has expired can still change the visibility',
    source: `${LS}::test_change_message_visibility_after_visibility_timeout_expiration[sqs], recorded 30-04-2024`,
    expected: { error: null },
    async run(context) {
      const { url } = await context.createQueue('cmv-expired', { VisibilityTimeout: '1' });
      await context.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'test' }));
      const { Messages = [] } = await context.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }));
      await sleep(1_500);
      return sdkError(() =>
        context.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: Messages[0]?.ReceiptHandle, VisibilityTimeout: 1 })),
      );
    },
  },
  {
    id: 'sqs.DeleteMessage.after-visibility-timeout',
    service: 'sqs',
    operation: 'DeleteMessage',
    name: 'a handle whose visibility timeout has expired still deletes the message',
    source: `${LS}::test_delete_after_visibility_timeout[sqs] (aws.validated: the queue is empty afterwards)`,
    expected: { delete: { error: null }, afterwards: 'no message' },
    async run(context) {
      const { url } = await context.createQueue('dm-expired', { VisibilityTimeout: '1' });
      await context.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'foobar' }));
      const { Messages = [] } = await context.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }));
      await sleep(1_500);
      const deleted = await sdkError(() => context.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: Messages[0]?.ReceiptHandle })));
      return { delete: deleted, afterwards: await receiveFirst(context, { QueueUrl: url }) };
    },
  },
  {
    id: 'sqs.GetQueueAttributes.counters-after-visibility-timeout',
    service: 'sqs',
    operation: 'GetQueueAttributes',
    name: 'ApproximateNumberOfMessagesNotVisible drops when the visibility timeout ends, with no new receive',
    source: `${LS}::test_approximate_number_of_messages_not_visible[sqs] (aws.validated; asserts both counter sets), recorded 25-09-2025`,
    expected: {
      before: { ApproximateNumberOfMessages: '5', ApproximateNumberOfMessagesNotVisible: '1', ApproximateNumberOfMessagesDelayed: '0' },
      after: { ApproximateNumberOfMessages: '6', ApproximateNumberOfMessagesNotVisible: '0', ApproximateNumberOfMessagesDelayed: '0' },
    },
    async run(context) {
      const { url } = await context.createQueue('gqa-counters', { VisibilityTimeout: '1' });
      for (let i = 1; i <= 6; i++) await context.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: `message-${i}` }));
      await context.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1 }));
      const counters = async (): Promise<Json> => {
        const AttributeNames = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] as const;
        const { Attributes = {} } = await context.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [...AttributeNames] }));
        return Attributes;
      };
      const before = await counters();
      await sleep(2_000);
      return { before, after: await counters() };
    },
  },
];
