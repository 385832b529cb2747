// The local SNS Publish (fauxqs with sns-aws-answers.ts) against the AWS SDK, in a Node process of
// its own; each expectation is AWS's recorded answer (LocalStack tests/aws/services/sns/test_sns.snapshot.json).
import path from 'node:path';
import { runTsModuleProbe } from '../../tests/support/ts-module-probe';

const probe = `
import * as sns from '@aws-sdk/client-sns';
import { buildFauxqsApp } from ${JSON.stringify(path.join(__dirname, 'fauxqs-store.ts'))};
const { app, store } = await buildFauxqsApp();
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const client = new sns.SNSClient({ region: 'us-east-1', endpoint: address, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
const publish = (input) => client.send(new sns.PublishCommand(input)).then(
  () => 'published',
  (error) => ({ name: error.name, message: error.message, status: error.$metadata.httpStatusCode }));
const { TopicArn } = await client.send(new sns.CreateTopicCommand({ Name: 'alerts' }));
const attrs = { attr1: { DataType: 'Number', StringValue: '1' } };
const out = {
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
};
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

  it('counts message attributes toward the 256 KiB limit (test_publish_too_long_message)', () => {
    expect(out['overWithAttributes']).toEqual({ name: 'InvalidParameterException', message: 'Invalid parameter: Message too long', status: 400 });
    expect(out['atLimitWithAttributes']).toBe('published');
    expect(out['tooLong']).toMatchObject({ message: 'Invalid parameter: Message too long' });
  });
});
