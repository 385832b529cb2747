// The local SQS (fauxqs with sqs-aws-answers.ts and sqs-aws-queue.ts) against the AWS SDK, in a
// Node process of its own; each expectation is AWS's recorded answer, named beside it
// (LocalStack tests/aws/services/sqs/test_sqs.snapshot.json / test_sqs.py, moto aws_verified).
import path from 'node:path';
import { runTsModuleProbe } from '../../tests/support/ts-module-probe';

const store = JSON.stringify(path.join(__dirname, 'fauxqs-store.ts'));

const probe = `
import * as sqs from '@aws-sdk/client-sqs';
import { buildFauxqsApp } from ${store};
const { app, store } = await buildFauxqsApp();
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const client = new sqs.SQSClient({ region: 'us-east-1', endpoint: address, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
const send = (Command, input) => client.send(new sqs[Command + 'Command'](input));
const fails = (Command, input) => send(Command, input).then(
  () => 'no error',
  (error) => ({ name: error.name, message: error.message, status: error.$metadata.httpStatusCode, code: error.Code }));
const out = {};
const { QueueUrl: dlq } = await send('CreateQueue', { QueueName: 'dlq', Attributes: { VisibilityTimeout: '0' } });
const { Attributes: { QueueArn: dlqArn } } = await send('GetQueueAttributes', { QueueUrl: dlq, AttributeNames: ['QueueArn'] });
const { QueueUrl: queue } = await send('CreateQueue', { QueueName: 'work', Attributes: { VisibilityTimeout: '0',
  RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) } });
const { Attributes: { QueueArn: queueArn } } = await send('GetQueueAttributes', { QueueUrl: queue, AttributeNames: ['QueueArn'] });
out.queueArn = queueArn;

out.deleteGarbage = await fails('DeleteMessage', { QueueUrl: queue, ReceiptHandle: 'garbage' });
out.deleteGarbageUnknownQueue = await fails('DeleteMessage', { QueueUrl: address + '/000000000000/nope', ReceiptHandle: 'garbage' });
out.visibilityGarbage = await fails('ChangeMessageVisibility', { QueueUrl: queue, ReceiptHandle: 'INVALID', VisibilityTimeout: 60 });
out.longBatchId = await fails('DeleteMessageBatch', { QueueUrl: queue, Entries: [{ Id: 'x'.repeat(100), ReceiptHandle: 'garbage' }] });
out.unprefixed = await fails('ReceiveMessage', { QueueUrl: queue, WaitTimeSeconds: 21 });

const trace = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
await send('SendMessage', { QueueUrl: queue, MessageBody: 'm1', MessageAttributes: { MyAttribute: { DataType: 'String', StringValue: 'foobar' } },
  MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: trace } } });
const first = (await send('ReceiveMessage', { QueueUrl: queue, VisibilityTimeout: 30 })).Messages[0];
out.unasked = first;
await send('ChangeMessageVisibility', { QueueUrl: queue, ReceiptHandle: first.ReceiptHandle, VisibilityTimeout: 0 });
out.redriveReceive = (await send('ReceiveMessage', { QueueUrl: queue })).Messages ?? [];
out.dead = (await send('ReceiveMessage', { QueueUrl: dlq, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] })).Messages ?? [];
const handle = out.dead[0].ReceiptHandle;
out.deleteOnce = await send('DeleteMessage', { QueueUrl: dlq, ReceiptHandle: handle }).then(() => 'ok');
out.deleteTwice = await send('DeleteMessage', { QueueUrl: dlq, ReceiptHandle: handle }).then(() => 'ok');
out.visibilityDeleted = await fails('ChangeMessageVisibility', { QueueUrl: dlq, ReceiptHandle: handle, VisibilityTimeout: 42 });
out.batch = await send('DeleteMessageBatch', { QueueUrl: dlq, Entries: [{ Id: 'good', ReceiptHandle: handle }, { Id: 'bad', ReceiptHandle: 'garbage' }] });
delete out.batch.$metadata;

const three = { 'Help.Me': { DataType: 'String', StringValue: 'Me' }, Hello: { DataType: 'String', StringValue: 'There' }, General: { DataType: 'String', StringValue: 'Kenobi' } };
const { QueueUrl: picky } = await send('CreateQueue', { QueueName: 'picky' });
out.picked = {};
for (const [label, names] of [['two', ['Hello', 'General']], ['unknown', ['Foo', 'Hello']], ['prefix', ['Hel.*']]]) {
  await send('SendMessage', { QueueUrl: picky, MessageBody: label, MessageAttributes: three });
  const [message] = (await send('ReceiveMessage', { QueueUrl: picky, MessageAttributeNames: names })).Messages;
  out.picked[label] = { attributes: message.MessageAttributes, md5: message.MD5OfMessageAttributes };
  await send('DeleteMessage', { QueueUrl: picky, ReceiptHandle: message.ReceiptHandle });
}
out.all = (await send('GetQueueAttributes', { QueueUrl: picky, AttributeNames: ['All'] })).Attributes;
out.batchSent = await send('SendMessageBatch', { QueueUrl: picky, Entries: [{ Id: 'a', MessageBody: 'a' }] });
delete out.batchSent.$metadata;
out.tooMany = await fails('SendMessageBatch', { QueueUrl: picky, Entries: Array.from({ length: 20 }, (_, i) => ({ Id: 'e' + i, MessageBody: 'x' })) });
out.repeated = await fails('SendMessageBatch', { QueueUrl: picky, Entries: ['id_1', 'id_2', 'id_2', 'id_1'].map((Id) => ({ Id, MessageBody: Id })) });
out.empty = await fails('DeleteMessageBatch', { QueueUrl: picky, Entries: [] });
out.tooLong = await fails('SendMessageBatch', { QueueUrl: picky, Entries: [{ Id: 'id_1', MessageBody: 'b'.repeat(1048577) }] });
out.eleven = await fails('ReceiveMessage', { QueueUrl: picky, MaxNumberOfMessages: 11 });

const { QueueUrl: shortVisibility } = await send('CreateQueue', { QueueName: 'short', Attributes: { VisibilityTimeout: '1' } });
await send('SendMessage', { QueueUrl: shortVisibility, MessageBody: 'x' });
await send('ReceiveMessage', { QueueUrl: shortVisibility });
const counters = () => send('GetQueueAttributes', { QueueUrl: shortVisibility, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }).then((a) => a.Attributes);
out.countersInFlight = await counters();
await new Promise((resolve) => setTimeout(resolve, 1200));
out.countersAfterTimeout = await counters();

client.destroy();
store.shutdown();
await app.close();
console.log(JSON.stringify(out));
`;

type Message = { MessageId: string; Body: string; MessageAttributes?: object; MD5OfMessageAttributes?: string; Attributes?: Record<string, string> };

describe('the local SQS answers as AWS does', () => {
  let out: Record<string, unknown> & {
    queueArn: string;
    unasked: Message;
    redriveReceive: Message[];
    dead: Message[];
  };
  beforeAll(() => {
    out = runTsModuleProbe(probe);
  });

  it('refuses a receipt handle that is none: ReceiptHandleIsInvalid (test_delete_message_with_illegal_receipt_handle)', () => {
    expect(out['deleteGarbage']).toMatchObject({
      name: 'ReceiptHandleIsInvalid',
      message: 'The input receipt handle "garbage" is not a valid receipt handle.',
    });
    // test_invalid_receipt_handle_should_return_error_message
    expect(out['visibilityGarbage']).toMatchObject({ name: 'ReceiptHandleIsInvalid' });
  });

  it('names a missing queue before a bad handle (moto test_delete_message_from_unknown_url, aws_verified)', () => {
    expect(out['deleteGarbageUnknownQueue']).toMatchObject({ name: 'QueueDoesNotExist', code: 'AWS.SimpleQueueService.NonExistentQueue' });
  });

  it('accepts a deleted message handle twice, but not for a visibility change (test_delete_message_with_deleted_receipt_handle, test_change_visibility_on_deleted_message_raises_invalid_parameter_value)', () => {
    expect([out['deleteOnce'], out['deleteTwice']]).toEqual(['ok', 'ok']);
    const handle = out.dead[0]?.['ReceiptHandle' as keyof Message];
    expect(out['visibilityDeleted']).toMatchObject({
      name: 'InvalidParameterValue',
      message: `Value ${String(handle)} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
    });
  });

  it('refuses a batch entry id over 80 characters (test_invalid_batch_id) and fails a bad handle alone in a batch', () => {
    expect(out['longBatchId']).toMatchObject({ name: 'InvalidBatchEntryId', code: 'AWS.SimpleQueueService.InvalidBatchEntryId' });
    expect(out['batch']).toEqual({
      Successful: [{ Id: 'good' }],
      Failed: [{ Id: 'bad', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: 'The input receipt handle "garbage" is not a valid receipt handle.' }],
    });
  });

  it('gives InvalidParameterValue without a prefix (test_send_receive_wait_time_seconds)', () => {
    expect(out['unprefixed']).toMatchObject({
      name: 'InvalidParameterValue',
      code: 'InvalidParameterValue',
      message: 'Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.',
    });
  });

  it('returns message attributes only when asked (test_send_receive_wait_time_seconds, test_dead_letter_queue_message_attributes)', () => {
    expect(out.unasked.MessageAttributes).toBeUndefined();
    expect(out.unasked.MD5OfMessageAttributes).toBeUndefined();
    expect(out.unasked.Attributes).toBeUndefined();
    expect(out.dead[0]?.MessageAttributes).toEqual({ MyAttribute: { DataType: 'String', StringValue: 'foobar' } });
    expect(out.dead[0]?.MD5OfMessageAttributes).toBe('adb59cd4678ea5a855436b949cd07ab6');
  });

  it('redrives after maxReceiveCount keeping the count and AWSTraceHeader, with DeadLetterQueueSourceArn (test_dead_letter_queue_message_attributes)', () => {
    // maxReceiveCount 1: received once, moved by the second receive, received in the DLQ as the second
    expect(out.redriveReceive).toEqual([]);
    expect(out.dead).toHaveLength(1);
    expect(out.dead[0]?.Attributes).toMatchObject({
      ApproximateReceiveCount: '2',
      DeadLetterQueueSourceArn: out.queueArn,
      AWSTraceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
    });
  });

  it('picks the attributes asked for as SQS does, with their MD5 (test_receive_message_message_attribute_names_filters)', () => {
    const picked = out['picked'] as Record<string, { attributes?: object; md5?: string }>;
    expect(picked['two']).toEqual({
      attributes: { Hello: { DataType: 'String', StringValue: 'There' }, General: { DataType: 'String', StringValue: 'Kenobi' } },
      md5: 'fca026605781cb4126a1e9044df24232',
    });
    expect(picked['unknown']).toEqual({ attributes: { Hello: { DataType: 'String', StringValue: 'There' } }, md5: 'a311262e065454b75da111d535b8dacd' });
    expect(picked['prefix']).toEqual({
      attributes: { Hello: { DataType: 'String', StringValue: 'There' }, 'Help.Me': { DataType: 'String', StringValue: 'Me' } },
      md5: '83fee93c1bcd8b9a5a923ffacdc636c7',
    });
  });

  it('says SqsManagedSseEnabled among All attributes (test_create_and_update_queue_attributes)', () => {
    expect(out['all']).toMatchObject({ SqsManagedSseEnabled: 'true' });
  });

  it('answers a batch without failures with no Failed member', () => {
    expect(Object.keys(out['batchSent'] as object)).toEqual(['Successful']);
  });

  it('words batch errors as AWS does (moto test_send_message_batch_errors, test_delete_message_batch_with_zero_entries, aws_verified)', () => {
    expect(out['tooMany']).toMatchObject({ name: 'TooManyEntriesInBatchRequest', message: 'Maximum number of entries per request are 10. You have sent 20.' });
    expect(out['repeated']).toMatchObject({ name: 'BatchEntryIdsNotDistinct', message: 'Id id_2 repeated.' });
    expect(out['empty']).toMatchObject({ name: 'EmptyBatchRequest', message: 'There should be at least one DeleteMessageBatchRequestEntry in the request.' });
    expect(out['tooLong']).toMatchObject({ name: 'BatchRequestTooLong', message: 'Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes.' });
    expect(out['eleven']).toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
    });
  });

  it('counts a message whose visibility timeout ended as visible at once, without a receive', () => {
    expect(out['countersInFlight']).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '1' });
    expect(out['countersAfterTimeout']).toEqual({ ApproximateNumberOfMessages: '1', ApproximateNumberOfMessagesNotVisible: '0' });
  });
});
