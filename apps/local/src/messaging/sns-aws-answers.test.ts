// The local SNS Publish (fauxqs with sns-aws-answers.ts) against the AWS SDK, in a Node process of
// its own; each expectation is AWS's recorded answer (LocalStack tests/aws/services/sns/test_sns.snapshot.json).
import path from 'node:path';
import { runTsModuleProbe } from '../../tests/support/ts-module-probe';

const probe = `
import * as sns from '@aws-sdk/client-sns';
import * as sqs from '@aws-sdk/client-sqs';
import { createHash } from 'node:crypto';
import { buildFauxqsApp } from ${JSON.stringify(path.join(__dirname, 'fauxqs-store.ts'))};
const { app, store } = await buildFauxqsApp();
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const client = new sns.SNSClient({ region: 'us-east-1', endpoint: address, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
const publish = (input) => client.send(new sns.PublishCommand(input)).then(
  () => 'published',
  (error) => ({ name: error.name, message: error.message, status: error.$metadata.httpStatusCode }));
const { TopicArn } = await client.send(new sns.CreateTopicCommand({ Name: 'alerts' }));
const attrs = { attr1: { DataType: 'Number', StringValue: '1' } };
const out = {};
Object.assign(out, {
  noArn: await publish({ TopicArn: 'randomstring', Message: 'Good news everyone!' }),
  twoParts: await publish({ TopicArn: 'randomstring:1', Message: 'Good news everyone!' }),
  otherRegion: await publish({ TopicArn: TopicArn.replace('us-east-1', 'eu-west-1'), Message: 'x' }),
  absent: await publish({ TopicArn: TopicArn + '-absent', Message: 'x' }),
  overWithAttributes: await publish({ TopicArn, Message: 'a'.repeat(262144 - 12 + 1), MessageAttributes: attrs }),
  atLimitWithAttributes: await publish({ TopicArn, Message: 'a'.repeat(262144 - 12), MessageAttributes: attrs }),
  tooLong: await publish({ TopicArn, Message: 'This is a test message'.repeat(12000) }),
  emptyMessage: await publish({ TopicArn, Message: '' }),
  emptySubject: await publish({ TopicArn, Message: 'x', Subject: '' }),
  emptyAttribute: await publish({ TopicArn, Message: 'Test msg', MessageAttributes: { attr1: { DataType: 'String', StringValue: '' } } }),
});
const sqsClient = new sqs.SQSClient({ region: 'us-east-1', endpoint: address, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
const { QueueUrl } = await sqsClient.send(new sqs.CreateQueueCommand({ QueueName: 'subscriber' }));
const { Attributes: { QueueArn } } = await sqsClient.send(new sqs.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
await client.send(new sns.SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: QueueArn }));
await client.send(new sns.PublishCommand({ TopicArn, Message: 'Test msg', MessageAttributes: { attr1: { DataType: 'Number', StringValue: '100.12' } } }));
await client.send(new sns.PublishCommand({ TopicArn, Message: 'with subject', Subject: 'hi' }));
const { Messages = [] } = await sqsClient.send(new sqs.ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
out.notifications = Messages.map((m) => ({ body: JSON.parse(m.Body), md5Matches: createHash('md5').update(m.Body).digest('hex') === m.MD5OfBody }));
sqsClient.destroy();
client.destroy();
store.shutdown();
await app.close();
console.log(JSON.stringify(out));
`;

describe('the local SNS Publish answers as AWS does', () => {
  let out: Record<string, unknown>;
  beforeAll(() => {
    out = runTsModuleProbe(probe);
  });

  it('refuses a TopicArn that is no ARN with InvalidParameter (test_publish_wrong_arn_format)', () => {
    expect(out['noArn']).toEqual({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1',
      status: 400,
    });
    expect(out['twoParts']).toMatchObject({ message: 'Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 2' });
  });

  it('refuses another region\'s topic (test_topic_publish_another_region) and answers NotFound for no such topic (test_unknown_topic_publish)', () => {
    expect(out['otherRegion']).toEqual({ name: 'InvalidParameterException', message: 'Invalid parameter: TopicArn', status: 400 });
    expect(out['absent']).toEqual({ name: 'NotFoundException', message: 'Topic does not exist', status: 404 });
  });

  it('refuses an empty message, an empty Subject, an empty String attribute (test_empty_sns_message, test_publish_with_empty_subject, test_empty_or_wrong_message_attributes)', () => {
    expect(out['emptyMessage']).toEqual({ name: 'InvalidParameterException', message: 'Invalid parameter: Empty message', status: 400 });
    expect(out['emptySubject']).toEqual({ name: 'InvalidParameterException', message: 'Invalid parameter: Subject', status: 400 });
    expect(out['emptyAttribute']).toMatchObject({
      name: 'InvalidParameterValueException', // the SDK's shape for the code ParameterValueInvalid
      message: "The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'String'.",
      status: 400,
    });
  });

  it('delivers a notification without a Subject key when the publish had none (test_publish_sqs_from_sns, message-raw-false)', () => {
    const notifications = out['notifications'] as { body: Record<string, unknown>; md5Matches: boolean }[];
    const plain = notifications.find((n) => n.body['Message'] === 'Test msg');
    const titled = notifications.find((n) => n.body['Message'] === 'with subject');
    expect(Object.keys(plain?.body ?? {}).sort()).toEqual([
      'Message', 'MessageAttributes', 'MessageId', 'Signature', 'SignatureVersion', 'SigningCertURL', 'Timestamp', 'TopicArn', 'Type', 'UnsubscribeURL',
    ]); // prettier-ignore
    expect(plain?.body['MessageAttributes']).toEqual({ attr1: { Type: 'Number', Value: '100.12' } });
    expect(titled?.body['Subject']).toBe('hi');
    expect(notifications.map((n) => n.md5Matches)).toEqual([true, true]);
  });

  it('counts message attributes toward the 256 KiB limit (test_publish_too_long_message)', () => {
    expect(out['overWithAttributes']).toEqual({ name: 'InvalidParameterException', message: 'Invalid parameter: Message too long', status: 400 });
    expect(out['atLimitWithAttributes']).toBe('published');
    expect(out['tooLong']).toMatchObject({ message: 'Invalid parameter: Message too long' });
  });
});
