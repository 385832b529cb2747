// The local SQS's query protocol, driven by a client nobody here wrote: the AWS SDK's SQS client
// with the SDK's own query protocol (AwsQueryProtocol serialises by SQS's model, as the old SDKs
// and AWS CLI 2.9 do), in a Node process of its own, against fauxqs with sqs-query-protocol.ts.
import path from 'node:path';
import { runTsModuleProbe } from '../../tests/support/ts-module-probe';

const probe = `
import * as sqs from '@aws-sdk/client-sqs';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import { buildFauxqsApp } from ${JSON.stringify(path.join(__dirname, 'fauxqs-store.ts'))};
const { app, store } = await buildFauxqsApp();
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const client = new sqs.SQSClient({
  region: 'us-east-1', endpoint: address, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1,
  protocol: AwsQueryProtocol,
  protocolSettings: { defaultNamespace: 'com.amazonaws.sqs', xmlNamespace: 'http://queue.amazonaws.com/doc/2012-11-05/', version: '2012-11-05' },
});
const send = (Command, input) => client.send(new sqs[Command + 'Command'](input)).then(({ $metadata, ...rest }) => rest);
const out = {};
const { QueueUrl } = await send('CreateQueue', { QueueName: 'q', Attributes: { VisibilityTimeout: '7' } });
out.queueUrl = QueueUrl;
out.attributes = await send('GetQueueAttributes', { QueueUrl, AttributeNames: ['VisibilityTimeout', 'ApproximateNumberOfMessages'] });
out.sent = await send('SendMessage', { QueueUrl, MessageBody: 'a & <b>', MessageAttributes: { kind: { DataType: 'String', StringValue: 'k1' } } });
out.batch = await send('SendMessageBatch', { QueueUrl, Entries: [{ Id: 'one', MessageBody: '1' }, { Id: 'two', MessageBody: '2', DelaySeconds: 0 }] });
out.received = await send('ReceiveMessage', { QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['ApproximateReceiveCount'] });
const handles = out.received.Messages.map((m, i) => ({ Id: 'e' + i, ReceiptHandle: m.ReceiptHandle }));
out.deleted = await send('DeleteMessageBatch', { QueueUrl, Entries: [...handles, { Id: 'bad', ReceiptHandle: 'garbage' }] });
out.listed = await send('ListQueues', {});
out.missing = await send('GetQueueUrl', { QueueName: 'nope' }).catch((e) => ({ status: e.$metadata.httpStatusCode, code: e.Code ?? e.name, message: e.message }));
const form = await fetch(address, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ Action: 'GetQueueAttributes', Version: '2012-11-05', QueueUrl, 'AttributeName.1': 'All' }) });
out.raw = { status: form.status, type: form.headers.get('content-type'), text: await form.text() };
client.destroy();
store.shutdown();
await app.close();
console.log(JSON.stringify(out));
`;

describe('the local SQS serves the query protocol', () => {
  let out: Record<string, unknown> & {
    received: { Messages: { Body: string; MessageAttributes?: Record<string, { StringValue: string }>; Attributes?: Record<string, string> }[] };
    raw: { status: number; type: string; text: string };
  };
  beforeAll(() => {
    out = runTsModuleProbe(probe);
  });

  it('answers what a query client sends: queues, attributes, send, batch, receive, delete, list', () => {
    expect(out['queueUrl']).toMatch(/\/000000000000\/q$/);
    expect(out['attributes']).toEqual({ Attributes: { VisibilityTimeout: '7', ApproximateNumberOfMessages: '0' } });
    expect(out['sent']).toMatchObject({ MessageId: expect.any(String), MD5OfMessageBody: expect.any(String), MD5OfMessageAttributes: expect.any(String) });
    expect(out['batch']).toMatchObject({ Successful: [{ Id: 'one' }, { Id: 'two' }] });
    const messages = out.received.Messages;
    expect(messages.map((message) => message.Body).sort()).toEqual(['1', '2', 'a & <b>']);
    expect(messages.find((message) => message.Body === 'a & <b>')?.MessageAttributes).toEqual({ kind: { DataType: 'String', StringValue: 'k1' } });
    expect(messages.every((message) => message.Attributes?.['ApproximateReceiveCount'] === '1')).toBe(true);
    expect(out['deleted']).toMatchObject({
      Successful: [{ Id: 'e0' }, { Id: 'e1' }, { Id: 'e2' }],
      Failed: [{ Id: 'bad', Code: 'ReceiptHandleIsInvalid', SenderFault: true }],
    });
    expect(out['listed']).toEqual({ QueueUrls: [out['queueUrl']] });
  });

  it('answers an error as AWS does, with the query code (test_sqs.snapshot.json, test_non_existent_queue [sqs_query])', () => {
    expect(out['missing']).toMatchObject({ status: 400, code: 'AWS.SimpleQueueService.NonExistentQueue', message: 'The specified queue does not exist for this wsdl version.' });
  });

  it('writes XML with the namespace and flattened attributes', () => {
    expect(out.raw.status).toBe(200);
    expect(out.raw.type).toContain('text/xml');
    expect(out.raw.text).toContain('<GetQueueAttributesResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><GetQueueAttributesResult><Attribute><Name>');
    expect(out.raw.text).toContain('<Attribute><Name>VisibilityTimeout</Name><Value>7</Value></Attribute>');
  });
});
