import { CreateTopicCommand, PublishCommand, SetSubscriptionAttributesCommand, SubscribeCommand, type PublishCommandInput } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { Json } from '../support/compare';
import { plain, sdkError } from '../support/observe';
import type { ParityContext } from '../support/parity-system';
import type { Scenario } from '../support/scenario';

const LS = 'LocalStack tests/aws/services/sns/test_sns.py';

async function topic(context: ParityContext): Promise<string> {
  return (await context.sns.send(new CreateTopicCommand({ Name: context.unique('parity-topic') }))).TopicArn ?? '';
}

/** An SNS error as recorded (botocore's Error.Code, Type, Message and the status). */
async function publishError(context: ParityContext, input: Partial<PublishCommandInput>, withTopic = true): Promise<Json> {
  const TopicArn = withTopic ? await topic(context) : undefined;
  const error = (await sdkError(() => context.sns.send(new PublishCommand({ TopicArn, Message: 'test', ...input })))) as Record<string, Json>;
  if (error['error'] === null) return error;
  return { status: error['status'] ?? null, code: error['code'] ?? null, type: error['type'] ?? null, message: error['message'] ?? null };
}

const invalid = (message: string): Json => ({ status: 400, code: 'InvalidParameter', type: 'Sender', message });

function publishErrorScenario(id: string, name: string, source: string, expected: Json, input: Partial<PublishCommandInput>, withTopic = true): Scenario {
  return { id: `sns.Publish.${id}`, service: 'sns', operation: 'Publish', name, source, expected, run: (context) => publishError(context, input, withTopic) };
}

/** A queue subscribed to a new topic, raw or not, and the first message published to it, received. */
async function delivered(context: ParityContext, raw: boolean, value: string): Promise<{ message: Json; topicArn: string }> {
  const topicArn = await topic(context);
  const queue = await context.createQueue('sns-target');
  const { SubscriptionArn } = await context.sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queue.arn }));
  const AttributeValue = raw ? 'true' : 'false';
  await context.sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: 'RawMessageDelivery', AttributeValue }));
  await context.sns.send(
    new PublishCommand({ TopicArn: topicArn, Message: 'Test msg', MessageAttributes: { attr1: { DataType: 'Number', StringValue: value } } }),
  );
  const { Messages = [] } = await context.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queue.url, MessageAttributeNames: ['All'], VisibilityTimeout: 0, WaitTimeSeconds: 4 }),
  );
  return { message: Messages[0] ? plain(Messages[0]) : 'no message', topicArn };
}

export const snsScenarios: readonly Scenario[] = [
  {
    id: 'sns.Publish.success',
    service: 'sns',
    operation: 'Publish',
    name: 'a publish to an existing topic answers its MessageId',
    source: `${LS}::TestSNSPublishCrud::test_unknown_topic_publish (success), recorded 24-08-2023`,
    expected: { MessageId: '<id>' },
    run: async (context) => plain(await context.sns.send(new PublishCommand({ TopicArn: await topic(context), Message: 'This is a SNS message' }))),
  },
  {
    id: 'sns.Publish.unknown-topic',
    service: 'sns',
    operation: 'Publish',
    name: 'the ARN of a topic that does not exist (an existing one with -fake appended) is NotFound (404)',
    source: `${LS}::TestSNSPublishCrud::test_unknown_topic_publish (error), recorded 24-08-2023`,
    expected: { status: 404, code: 'NotFound', type: 'Sender', message: 'Topic does not exist' },
    run: async (context) => publishError(context, { TopicArn: `${await topic(context)}-fake` }, false),
  },
  {
    id: 'sns.Publish.topic-of-another-region',
    service: 'sns',
    operation: 'Publish',
    name: "a topic ARN of another region than the client's is InvalidParameter",
    source: `${LS}::TestSNSPublishCrud::test_topic_publish_another_region (error), recorded 17-11-2023`,
    expected: invalid('Invalid parameter: TopicArn'),
    async run(context) {
      const arn = (await topic(context)).split(':');
      arn[3] = arn[3] === 'us-east-1' ? 'us-west-2' : 'us-east-1';
      return publishError(context, { TopicArn: arn.join(':') }, false);
    },
  },
  publishErrorScenario(
    'malformed-arn-1-element',
    'TopicArn "randomstring" is InvalidParameter, not NotFound',
    `${LS}::TestSNSPublishCrud::test_publish_wrong_arn_format (invalid-topic-arn), recorded 11-03-2024`,
    invalid('Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1'),
    { TopicArn: 'randomstring' },
    false,
  ),
  publishErrorScenario(
    'malformed-arn-2-elements',
    'TopicArn "randomstring:1" is InvalidParameter',
    `${LS}::TestSNSPublishCrud::test_publish_wrong_arn_format (invalid-topic-arn-1), recorded 11-03-2024`,
    invalid('Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 2'),
    { TopicArn: 'randomstring:1' },
    false,
  ),
  publishErrorScenario(
    'empty-message',
    'an empty message is InvalidParameter',
    `${LS}::TestSNSPublishCrud::test_empty_sns_message (empty-msg-error), recorded 24-08-2023`,
    invalid('Invalid parameter: Empty message'),
    { Message: '' },
  ),
  publishErrorScenario(
    'empty-subject',
    'an empty Subject is InvalidParameter',
    `${LS}::TestSNSPublishCrud::test_publish_with_empty_subject (response-with-empty-subject), recorded 24-08-2023`,
    invalid('Invalid parameter: Subject'),
    { Subject: '' },
  ),
  publishErrorScenario(
    'too-long',
    'a message over 256 KiB is InvalidParameter',
    `${LS}::TestSNSPublishCrud::test_publish_too_long_message (error), recorded 04-09-2024`,
    invalid('Invalid parameter: Message too long'),
    { Message: 'This is a test message'.repeat(12_000) },
  ),
  publishErrorScenario(
    'too-long-with-attributes',
    'message attributes count toward the 256 KiB: one byte over with them is InvalidParameter',
    `${LS}::TestSNSPublishCrud::test_publish_too_long_message (error-with-attrs), recorded 04-09-2024`,
    invalid('Invalid parameter: Message too long'),
    { Message: 'a'.repeat(262_144 - ('attr1'.length + 'Number'.length + '1'.length) + 1), MessageAttributes: { attr1: { DataType: 'Number', StringValue: '1' } } },
  ),
  publishErrorScenario(
    'empty-string-attribute',
    'a String message attribute with an empty value is ParameterValueInvalid',
    `${LS}::TestSNSSubscriptionSQS::test_empty_or_wrong_message_attributes (missing_string_attr), recorded 15-11-2024`,
    { status: 400, code: 'ParameterValueInvalid', type: 'Sender', message: "The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'String'." },
    { MessageAttributes: { attr1: { DataType: 'String', StringValue: '' } } },
  ),
  {
    id: 'sns.Publish.to-sqs-raw',
    service: 'sns',
    operation: 'Publish (to an SQS subscription)',
    name: 'raw delivery: the message as the body, its attributes as SQS message attributes',
    source: `${LS}::TestSNSSubscriptionSQS::test_publish_sqs_from_sns (message-raw-true), recorded 24-08-2023`,
    expected: {
      Body: 'Test msg',
      MD5OfBody: '<md5>',
      MD5OfMessageAttributes: 'd302007e9aa062660afc85fd0a482472',
      MessageAttributes: { attr1: { DataType: 'Number', StringValue: '99.12' } },
      MessageId: '<id>',
      ReceiptHandle: '<id>',
    },
    async run(context) {
      const { message } = await delivered(context, true, '99.12');
      return typeof message === 'object' && message !== null && !Array.isArray(message) && message['MD5OfBody'] ? { ...message, MD5OfBody: '<md5>' } : message;
    },
  },
  {
    id: 'sns.Publish.to-sqs-envelope',
    service: 'sns',
    operation: 'Publish (to an SQS subscription)',
    name: 'not raw: the SQS body is the SNS notification envelope, attributes as {Type, Value}',
    source: `${LS}::TestSNSSubscriptionSQS::test_publish_sqs_from_sns (message-raw-false), recorded 24-08-2023`,
    expected: {
      keys: ['Message', 'MessageAttributes', 'MessageId', 'Signature', 'SignatureVersion', 'SigningCertURL', 'Timestamp', 'TopicArn', 'Type', 'UnsubscribeURL'],
      Type: 'Notification',
      TopicArn: '<topic-arn>',
      Message: 'Test msg',
      SignatureVersion: '1',
      MessageAttributes: { attr1: { Type: 'Number', Value: '100.12' } },
      Timestamp: '<timestamp>',
    },
    async run(context) {
      const { message, topicArn } = await delivered(context, false, '100.12');
      const body = JSON.parse(String((message as Record<string, Json>)['Body'] ?? '{}')) as Record<string, Json>;
      const { Type = null, TopicArn = null, Message = null, SignatureVersion = null, MessageAttributes = null, Timestamp = null } = body;
      return { keys: Object.keys(body).sort(), Type, TopicArn: TopicArn === topicArn ? '<topic-arn>' : TopicArn, Message, SignatureVersion, MessageAttributes, Timestamp };
    },
  },
];
